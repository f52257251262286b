package org.mcx.desktop.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the layers honest: view models free of the scene graph; the console reaches the backend only by protocol. */
@AnalyzeClasses(packages = "org.mcx.desktop", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

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

    /** Only the demo starts a backend in process; everything else talks to it through shared-protocol's client. */
    @ArchTest
    static final ArchRule onlyTheDemoEmbedsTheBackend = noClasses()
            .that().resideOutsideOfPackage("org.mcx.desktop.demo..")
            .should().dependOnClassesThat().resideInAPackage("org.mcx.backend..");

    /** Logging through SLF4J only, never to the console streams. */
    @ArchTest
    static final ArchRule noPrintStreams = noClasses()
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err");

    /** Every package, the root included, on its own. */
    @com.tngtech.archunit.junit.ArchTest
    static final com.tngtech.archunit.lang.ArchRule noPackageCycles =
            com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                    .matching("org.mcx.(**)").should().beFreeOfCycles();
}
