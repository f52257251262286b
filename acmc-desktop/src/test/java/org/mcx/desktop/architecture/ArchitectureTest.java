package org.mcx.desktop.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.Slice;
import java.util.Set;
import org.mcx.architecture.HouseRules;

/**
 * Keeps the layers honest: view models free of the scene graph; the console reaches a server only
 * by protocol; features side by side, composed by the shell; one way back to the FX thread.
 */
@AnalyzeClasses(packages = "org.mcx.desktop", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** The console's features: each a view (and view model) the shell puts in a window. */
    static final Set<String> FEATURES = Set.of("applications", "audit", "connection", "identities", "nodes",
            "notifications", "overview", "partners", "profiles", "services", "users");

    /** So they are unit-tested without the toolkit. */
    @ArchTest
    static final ArchRule viewModelsDoNotTouchTheSceneGraph = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .or().haveSimpleName("LiveList").or().haveSimpleName("Tasks").or().haveSimpleName("ConsoleSession")
            .or().haveSimpleName("ProfileDiff").or().haveSimpleName("EventText").or().haveSimpleName("LinkText")
            .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
            .orShould().dependOnClassesThat().resideInAPackage("javafx.stage..")
            .orShould().dependOnClassesThat().resideInAPackage("org.controlsfx..")
            .orShould().dependOnClassesThat().resideInAPackage("atlantafx..");

    /**
     * The console is a client: it talks to servers through shared-protocol's client and embeds none
     * (not the registry backend, not the service access server, not the samples). The demo, which
     * does, is the module acmc-demo, and the console finds it only through shell.DemoMode (ServiceLoader).
     */
    @ArchTest
    static final ArchRule theConsoleEmbedsNoServer = HouseRules.independentOf("org.mcx.backend..", "org.mcx.access..",
            "org.mcx.server..", "org.mcx.samples..", "org.mcx.example..", "org.mcx.demo..");

    /**
     * Features side by side: none uses another; the shell composes them and common holds what they
     * share (the overview shows the notifications' feed through common.EventFeed, which the shell hands it).
     */
    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOther = slices()
            .matching("org.mcx.desktop.(*)..")
            .that(DescribedPredicate.describe("are features", (Slice s) -> FEATURES.contains(s.getNamePart(1))))
            .should().notDependOnEachOther();

    /**
     * One way back to the FX thread: the task helper (common.Tasks, whose UI executor the application
     * wires to Platform::runLater) and, for the windows themselves, the shell. Everywhere else a direct
     * call would bypass what the helper guarantees (results on the UI thread, running work counted,
     * synchronous in tests).
     */
    @ArchTest
    static final ArchRule runLaterOnlyInTheTaskHelperAndTheShell = noClasses()
            .that().resideOutsideOfPackage("org.mcx.desktop.shell..")
            .and().doNotHaveFullyQualifiedName("org.mcx.desktop.common.Tasks")
            .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class);

    /** Logging through SLF4J only, never to the console streams. */
    @ArchTest
    static final ArchRule noPrinting = HouseRules.noPrinting();

    @ArchTest
    static final ArchRule noPackageCycles = HouseRules.noPackageCycles("org.mcx.desktop");
}
