package org.mcx.backend.identity;

import java.time.Duration;

/**
 * Identity settings; the defaults are PROTOCOL.md's.
 *
 * @param maxPendingLogons password log-ons admitted at once (half of them from one address); more are refused
 * @param securityLevels   the users' security levels, lowest first (docs/acm.md)
 */
public record IdentityConfig(int pbkdf2Iterations, int maxFailures, Duration failureWindow, Duration lockDuration,
                             Duration sessionTtl, Duration userTokenTtl, int maxPendingLogons,
                             SecurityLevels securityLevels) {
    public IdentityConfig(int pbkdf2Iterations, int maxFailures, Duration failureWindow, Duration lockDuration,
                          Duration sessionTtl, Duration userTokenTtl, int maxPendingLogons) {
        this(pbkdf2Iterations, maxFailures, failureWindow, lockDuration, sessionTtl, userTokenTtl, maxPendingLogons,
                SecurityLevels.DEFAULT);
    }

    public static IdentityConfig defaults() {
        return new IdentityConfig(Passwords.DEFAULT_ITERATIONS, 5, Duration.ofMinutes(15), Duration.ofMinutes(15),
                Duration.ofHours(12), Duration.ofHours(1), 32);
    }

    public IdentityConfig withIterations(int iterations) {
        return new IdentityConfig(iterations, maxFailures, failureWindow, lockDuration, sessionTtl, userTokenTtl,
                maxPendingLogons, securityLevels);
    }

    public IdentityConfig withSecurityLevels(SecurityLevels levels) {
        return new IdentityConfig(pbkdf2Iterations, maxFailures, failureWindow, lockDuration, sessionTtl, userTokenTtl,
                maxPendingLogons, levels);
    }
}
