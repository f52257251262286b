package org.mcx.protocol;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.mcx.architecture.HouseRules;

/** The contract library is used by the console, third parties and the servers alike: it stays lean. */
@AnalyzeClasses(packages = "org.mcx.protocol", importOptions = ImportOption.DoNotIncludeTests.class)
class ProtocolArchitectureTest {
    @ArchTest
    static final ArchRule noJavaFxNoServerCode = HouseRules.independentOf("javafx..", "org.mcx.backend..",
            "org.mcx.access..", "org.mcx.server..", "org.mcx.desktop..", "org.eclipse.jetty..", "io.netty..");

    @ArchTest
    static final ArchRule noPrinting = HouseRules.noPrinting();

    @ArchTest
    static final ArchRule noPackageCycles = HouseRules.noPackageCycles("org.mcx.protocol");
}
