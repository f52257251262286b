package org.mcx.protocol.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The client library ships to third parties and to the console: no JavaFX, no server stack, SLF4J only. */
@AnalyzeClasses(packages = "org.mcx.protocol.client", importOptions = ImportOption.DoNotIncludeTests.class)
class ClientArchitectureTest {

    @ArchTest
    static final ArchRule noJavaFxNoServer = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("javafx..", "org.eclipse.jetty..", "org.java_websocket.server..", "org.mcx.backend..");

    @ArchTest
    static final ArchRule noConsoleOutput = noClasses().should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .orShould().callMethod(Throwable.class, "printStackTrace");
}
