package org.mcx.backend.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** Keeps the layers honest: no desktop code in the server, logging through SLF4J only. */
@AnalyzeClasses(packages = "org.mcx.backend", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule noJavaFxInTheBackend = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.mcx.desktop..");

    @ArchTest
    static final ArchRule transportKnowsNoFeature = noClasses()
            .that().resideInAPackage("org.mcx.backend.transport..")
            .should().dependOnClassesThat().resideInAnyPackage("org.mcx.backend.identity..",
                    "org.mcx.backend.applications..", "org.mcx.backend.registry..", "org.mcx.backend.acms..",
                    "org.mcx.backend.access..");

    @ArchTest
    static final ArchRule storeKnowsNoFeature = noClasses()
            .that().resideInAPackage("org.mcx.backend.store..")
            .should().dependOnClassesThat().resideInAnyPackage("org.mcx.backend.identity..",
                    "org.mcx.backend.applications..", "org.mcx.backend.registry..", "org.mcx.backend.transport..");

    /** Every package, the root included, on its own: a feature depends on the wiring nowhere. */
    @ArchTest
    static final ArchRule noPackageCycles = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
            .matching("org.mcx.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noJavaUtilLogging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    @ArchTest
    static final ArchRule noPrintStackTrace = noClasses().should().callMethod(Throwable.class, "printStackTrace");

    /** Only the command line prints (its "listening on" line is part of the contract). */
    @ArchTest
    static final ArchRule onlyMainPrints = noClasses().that().doNotHaveFullyQualifiedName("org.mcx.backend.Main")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err");
}
