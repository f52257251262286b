package org.mcx.backend.transport;

/**
 * Per-connection defence: a token bucket on requests (where the path has a rate) and a cap on
 * requests in flight. A peer that keeps pushing after being told RATE_LIMITED is disconnected.
 * Used from the connection's reading thread only.
 */
final class FloodGuard {
    static final int MAX_IN_FLIGHT = 256;

    private final double ratePerSecond;
    private final double burst;
    private double tokens;
    private long lastRefill = System.nanoTime();
    private int inFlight;
    private int refusedInARow;

    FloodGuard(double ratePerSecond) {
        this.ratePerSecond = ratePerSecond;
        this.burst = Math.max(1, ratePerSecond * 2);
        this.tokens = burst;
    }

    static FloodGuard unlimited() {
        return new FloodGuard(0);
    }

    /** Whether one more request may start now. */
    synchronized boolean admit() {
        if (inFlight >= MAX_IN_FLIGHT || !takeToken()) {
            refusedInARow++;
            return false;
        }
        refusedInARow = 0;
        inFlight++;
        return true;
    }

    synchronized void finished() {
        inFlight--;
    }

    /** The peer ignores RATE_LIMITED: more refusals in a row than a burst's worth. */
    synchronized boolean isFlooding() {
        return refusedInARow > Math.max(1000, burst);
    }

    private boolean takeToken() {
        if (ratePerSecond <= 0) {
            return true;
        }
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastRefill) / 1e9 * ratePerSecond);
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
