package org.mcx.demo.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.mcx.architecture.HouseRules;

/**
 * The demo with the console it builds on, both imported: no cycle between any of their packages
 * (the console must never reach back into the demo, which it finds only through ServiceLoader).
 */
@AnalyzeClasses(packages = {"org.mcx.demo", "org.mcx.desktop"},
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NotTheConsolesTestJar.class})
class ArchitectureTest {

    /** Every package on its own, the demo's and the console's together. */
    @ArchTest
    static final ArchRule noPackageCycles = HouseRules.noPackageCycles("org.mcx.demo");

    /** Logging through SLF4J only, never to the console streams. */
    @ArchTest
    static final ArchRule noPrinting = HouseRules.noPrinting();

    /** The console's test helpers come in a jar (acmc-desktop's test-jar), which DoNotIncludeTests does not recognise. */
    static final class NotTheConsolesTestJar implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }
}
