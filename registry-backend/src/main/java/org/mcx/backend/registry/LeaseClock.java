package org.mcx.backend.registry;

import java.util.function.LongSupplier;

/**
 * The registry's two times. Deadlines in memory are monotonic nanoseconds (a wall-clock jump
 * neither expires nor revives anyone); deadlines in {@code service_leases} are epoch milliseconds,
 * the only time every backend node shares. So the nodes' clocks must agree (NTP), as they must
 * already for user tokens' expiry; the sweep's grace allows for a small disagreement.
 */
interface LeaseClock {
    long nanos();

    long wallMillis();

    /** The process's clocks. */
    static LeaseClock system() {
        return new LeaseClock() {
            @Override
            public long nanos() {
                return System.nanoTime();
            }

            @Override
            public long wallMillis() {
                return System.currentTimeMillis();
            }
        };
    }

    /**
     * For a hand-driven monotonic clock (tests): wall time starts at the real one and then moves
     * only with {@code nanos}, so that deadlines in memory and in the table stay one.
     */
    static LeaseClock following(LongSupplier nanos) {
        long startNanos = nanos.getAsLong();
        long startMillis = System.currentTimeMillis();
        return new LeaseClock() {
            @Override
            public long nanos() {
                return nanos.getAsLong();
            }

            @Override
            public long wallMillis() {
                return startMillis + Math.floorDiv(nanos.getAsLong() - startNanos, 1_000_000L);
            }
        };
    }

    /** A deadline in memory as epoch milliseconds, for the table. */
    default long toWallMillis(long deadlineNanos) {
        return wallMillis() + Math.floorDiv(deadlineNanos - nanos(), 1_000_000L);
    }

    /** An epoch-millisecond deadline from the table as a deadline in memory. */
    default long toNanos(long wallMillis) {
        return nanos() + (wallMillis - wallMillis()) * 1_000_000L;
    }
}
