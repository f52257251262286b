package org.mcx.server;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.mcx.architecture.HouseRules;

/** Shared by both servers, so it knows neither. */
@AnalyzeClasses(packages = "org.mcx.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ServerSupportArchitectureTest {
    @ArchTest
    static final ArchRule knowsNoServer = HouseRules.independentOf("org.mcx.backend..", "org.mcx.access..",
            "org.mcx.desktop..", "org.mcx.protocol..");

    /** The "listening on" and "stopped" lines are the servers' contract with their service manager. */
    @ArchTest
    static final ArchRule onlyTheLifecyclePrints = HouseRules.noPrinting("org.mcx.server.UntilTerminated");
}
