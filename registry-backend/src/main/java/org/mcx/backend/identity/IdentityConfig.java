package org.mcx.backend.identity;

import java.time.Duration;

/** Identity settings; the defaults are PROTOCOL.md's. */
public record IdentityConfig(int pbkdf2Iterations, int maxFailures, Duration failureWindow, Duration lockDuration,
                             Duration sessionTtl, Duration userTokenTtl) {
    public static IdentityConfig defaults() {
        return new IdentityConfig(Passwords.DEFAULT_ITERATIONS, 5, Duration.ofMinutes(15), Duration.ofMinutes(15),
                Duration.ofHours(12), Duration.ofHours(1));
    }

    public IdentityConfig withIterations(int iterations) {
        return new IdentityConfig(iterations, maxFailures, failureWindow, lockDuration, sessionTtl, userTokenTtl);
    }
}
