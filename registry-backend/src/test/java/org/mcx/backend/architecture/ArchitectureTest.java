package org.mcx.backend.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Set;
import org.mcx.architecture.HouseRules;

/**
 * The backend in layers: the foundation (store, events, audit, transport, TLS, monitoring and the system
 * context that bundles them) knows no feature; the features know the foundation and, of each
 * other, only a few named classes; the wiring ({@code Backend}, {@code Main}) composes them.
 */
@AnalyzeClasses(packages = "org.mcx.backend", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String ROOT = "org.mcx.backend";
    static final List<String> FEATURES = List.of("identity", "registry", "applications", "csc15", "acms", "partners",
            "groups", "ops");

    /**
     * The only classes one feature uses of another: the grants a change must push to service access
     * servers (csc15.GrantFeed, told by identity and applications), the users' authorizations
     * (identity.UserDirectory, read by registry and applications), random tokens and their hashes
     * (identity.Tokens), the partner links' controls (partners.PartnerLinkControl, which the ACMS
     * implements), and for the ACMS's configuration exchanges (docs/acm.md) the users who migrated
     * here (identity.MigratedUsers), the security levels (identity.SecurityLevels), a partner's map of
     * its levels to ours (partners.PartnerLevels) and the groups (groups.GroupDirectory, which
     * identity also tells of a user removed).
     */
    static final Set<String> NAMED_INTERFACES = Set.of(ROOT + ".csc15.GrantFeed", ROOT + ".identity.UserDirectory",
            ROOT + ".identity.Tokens", ROOT + ".partners.PartnerLinkControl", ROOT + ".identity.MigratedUsers",
            ROOT + ".identity.SecurityLevels", ROOT + ".partners.PartnerLevels", ROOT + ".groups.GroupDirectory");

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("wiring").definedBy(ROOT)
            .layer("features").definedBy(FEATURES.stream().map(f -> ROOT + "." + f + "..").toArray(String[]::new))
            .layer("foundation").definedBy(ROOT + ".store..", ROOT + ".events..", ROOT + ".audit..",
                    ROOT + ".transport..", ROOT + ".tls..", ROOT + ".system..", ROOT + ".monitoring..")
            .whereLayer("wiring").mayNotBeAccessedByAnyLayer()
            .whereLayer("features").mayOnlyBeAccessedByLayers("wiring")
            .whereLayer("foundation").mayOnlyBeAccessedByLayers("features", "wiring");

    @ArchTest
    static final ArchRule featuresMeetOnlyThroughNamedInterfaces =
            HouseRules.featuresMeetOnlyThrough(ROOT, FEATURES, NAMED_INTERFACES);

    @ArchTest
    static final ArchRule noDesktopCode = HouseRules.independentOf("javafx..", "org.mcx.desktop..");

    /** The store below everything: it knows no transport either. */
    @ArchTest
    static final ArchRule storeKnowsNoTransport = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
            .that().resideInAPackage(ROOT + ".store..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".transport..");

    @ArchTest
    static final ArchRule noPackageCycles = HouseRules.noPackageCycles(ROOT);

    /** Only the command line prints (its "listening on" line is part of the contract). */
    @ArchTest
    static final ArchRule onlyMainPrints = HouseRules.noPrinting(ROOT + ".Main");
}
