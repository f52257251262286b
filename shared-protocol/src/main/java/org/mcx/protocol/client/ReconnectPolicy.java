package org.mcx.protocol.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try again after the link is lost: exponential backoff with full jitter, i.e. a delay
 * drawn uniformly from {@code [0, min(max, initial * 2^attempt)]}. The jitter spreads the
 * reconnects of many clients after a server restart instead of having them arrive in waves.
 */
public final class ReconnectPolicy {
    private static final ReconnectPolicy DISABLED = new ReconnectPolicy(Duration.ZERO, Duration.ZERO, false);
    private static final ReconnectPolicy DEFAULTS =
            new ReconnectPolicy(Duration.ofMillis(250), Duration.ofSeconds(30), true);

    private final Duration initial;
    private final Duration max;
    private final boolean enabled;

    private ReconnectPolicy(Duration initial, Duration max, boolean enabled) {
        this.initial = initial;
        this.max = max;
        this.enabled = enabled;
    }

    /** 250 ms doubling up to 30 s. */
    public static ReconnectPolicy defaults() {
        return DEFAULTS;
    }

    public static ReconnectPolicy exponential(Duration initial, Duration max) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
        return new ReconnectPolicy(initial, max, true);
    }

    /** Never reconnect: a lost link ends in {@link LinkState#CLOSED}. */
    public static ReconnectPolicy disabled() {
        return DISABLED;
    }

    public boolean enabled() {
        return enabled;
    }

    public Duration initial() {
        return initial;
    }

    public Duration max() {
        return max;
    }

    /** The upper bound of the delay before attempt {@code attempt} (0 = the first retry). */
    public Duration ceiling(int attempt) {
        double nanos = initial.toNanos() * Math.pow(2, Math.min(Math.max(attempt, 0), 62));
        return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
    }

    /** A random delay before attempt {@code attempt}. */
    public Duration delay(int attempt) {
        return delay(attempt, ThreadLocalRandom.current().nextDouble());
    }

    Duration delay(int attempt, double random) {
        return Duration.ofNanos((long) (ceiling(attempt).toNanos() * random));
    }

    @Override
    public String toString() {
        return enabled ? "ReconnectPolicy[initial=" + initial + ", max=" + max + "]" : "ReconnectPolicy[disabled]";
    }
}
