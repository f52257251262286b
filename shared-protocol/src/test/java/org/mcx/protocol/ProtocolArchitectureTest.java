package org.mcx.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The contract library is used by the console, third parties and the server alike: it stays lean. */
@AnalyzeClasses(packages = "org.mcx.protocol", importOptions = ImportOption.DoNotIncludeTests.class)
class ProtocolArchitectureTest {
    @ArchTest
    static final ArchRule noJavaFxNoServerCode = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.mcx.backend..", "org.mcx.desktop..",
                    "org.eclipse.jetty..");

    @ArchTest
    static final ArchRule noPrinting = noClasses()
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .orShould().callMethod(Throwable.class, "printStackTrace");

    /** Every package, the root included, on its own. */
    @ArchTest
    static final com.tngtech.archunit.lang.ArchRule noPackageCycles =
            com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                    .matching("org.mcx.(**)").should().beFreeOfCycles();
}
