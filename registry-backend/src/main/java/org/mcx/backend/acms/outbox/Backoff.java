package org.mcx.backend.acms.outbox;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How long an outbox waits before trying a partner again: exponential from {@code minDelay},
 * doubling per failed attempt up to {@code maxDelay}, with "equal jitter" (half fixed, half random)
 * so that a partner coming back is not hit by every system at once, yet never retried sooner than
 * half the nominal delay. PROTOCOL.md caps the wait at 30 s.
 */
public record Backoff(Duration minDelay, Duration maxDelay) {
    public static final Duration PROTOCOL_MAX = Duration.ofSeconds(30);

    public Backoff {
        Objects.requireNonNull(minDelay, "minDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (minDelay.isNegative() || minDelay.isZero() || maxDelay.compareTo(minDelay) < 0
                || maxDelay.compareTo(PROTOCOL_MAX) > 0) {
            throw new IllegalArgumentException("need 0 < minDelay <= maxDelay <= 30 s, got " + minDelay + " and " + maxDelay);
        }
    }

    /** 250 ms doubling to 30 s. */
    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(250), PROTOCOL_MAX);
    }

    /** The nominal delay before retry number {@code attempt} (1 = after the first failure). */
    public Duration ceiling(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 40);
        double millis = minDelay.toMillis() * Math.pow(2, doublings);
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
    }

    /** A jittered delay in {@code [ceiling/2, ceiling]}; {@code random} yields values in [0, 1). */
    public Duration delay(int attempt, DoubleSupplier random) {
        long ceiling = ceiling(attempt).toMillis();
        return Duration.ofMillis(ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2)));
    }

    public Duration delay(int attempt) {
        return delay(attempt, () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }
}
