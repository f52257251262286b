package org.mcx.access;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.mcx.architecture.HouseRules;

/** The service access server faces untrusted networks alone: it carries nothing of the registry, its store or a UI. */
@AnalyzeClasses(packages = "org.mcx.access", importOptions = ImportOption.DoNotIncludeTests.class)
class AccessArchitectureTest {
    @ArchTest
    static final ArchRule nothingOfTheBackend = HouseRules.independentOf("org.mcx.backend..", "org.mcx.desktop..",
            "org.mcx.samples..", "javafx..", "org.h2..", "org.flywaydb..", "org.eclipse.jetty..", "java.sql..");

    @ArchTest
    static final ArchRule noPackageCycles = HouseRules.noPackageCycles("org.mcx.access");

    /** Only the command line prints (its "listening on" line is what the service manager and scripts wait for). */
    @ArchTest
    static final ArchRule onlyMainPrints = HouseRules.noPrinting("org.mcx.access.Main");
}
