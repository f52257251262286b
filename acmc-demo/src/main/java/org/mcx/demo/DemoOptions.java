package org.mcx.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the demo runs. {@code callEvery}: how often the sample application calls its services
 * (every few seconds by default; tests shorten it).
 */
public record DemoOptions(Path dataRoot, Duration callEvery) {
    public static final String PRIMARY_ID = "mcx-a";
    public static final String PARTNER_ID = "mcx-b";
    public static final String ADMIN = "admin";
    /** The demo's own throw-away systems: the password is a known one by design. */
    public static final String ADMIN_PASSWORD = "admin-password";
    public static final String APPROVER = "approver";
    public static final String APPROVER_PASSWORD = "approver-password";
    public static final String SAMPLE_USER = "alice";
    public static final String SAMPLE_APPLICATION = "Dispatch board";

    public static DemoOptions defaults(Path dataRoot) {
        return new DemoOptions(dataRoot, Duration.ofSeconds(3));
    }

    public DemoOptions withCallEvery(Duration every) {
        return new DemoOptions(dataRoot, every);
    }
}
