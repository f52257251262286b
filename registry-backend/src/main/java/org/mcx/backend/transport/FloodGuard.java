package org.mcx.backend.transport;

/**
 * Per-connection defence: a token bucket on requests and a cap on requests in flight. Before
 * authentication every path has a small rate (an honest peer sends one authentication message,
 * perhaps a retry); after it, the path's own rate applies, if it has one.
 *
 * <p>Refusals leave strikes that fade with a 10 s half-life, so a peer that keeps pushing after
 * being told RATE_LIMITED is found out even when a request slips through between refusals.
 */
final class FloodGuard {
    static final int MAX_IN_FLIGHT = 256;
    static final double UNAUTHENTICATED_RATE = 2;
    static final double UNAUTHENTICATED_BURST = 10;
    private static final double STRIKE_HALF_LIFE_NANOS = 10e9;
    /** Strikes that close an unauthenticated peer: it has no reason to send more than a retry or two. */
    private static final double UNAUTHENTICATED_STRIKES_TO_CLOSE = 50;
    /** Strikes that close an authenticated one (at least): a client pipelining past the in-flight cap is not a flood. */
    private static final double AUTHENTICATED_STRIKES_TO_CLOSE = 1000;

    private final Bucket beforeAuthentication = new Bucket(UNAUTHENTICATED_RATE, UNAUTHENTICATED_BURST);
    private final Bucket afterAuthentication;
    private int inFlight;
    private double strikes;
    private long lastStrike = System.nanoTime();

    /** @param ratePerSecond the path's rate once authenticated; 0 for none */
    FloodGuard(double ratePerSecond) {
        this.afterAuthentication = ratePerSecond > 0 ? new Bucket(ratePerSecond, Math.max(1, ratePerSecond * 2)) : null;
    }

    static FloodGuard unlimited() {
        return new FloodGuard(0);
    }

    /** Whether one more request may start now; every refusal is a strike. */
    synchronized boolean admit(boolean authenticated) {
        Bucket bucket = authenticated ? afterAuthentication : beforeAuthentication;
        if (inFlight >= MAX_IN_FLIGHT || (bucket != null && !bucket.take())) {
            strike();
            return false;
        }
        inFlight++;
        return true;
    }

    synchronized void finished() {
        inFlight--;
    }

    /** The peer ignores RATE_LIMITED: more recent refusals than its burst (at least 50 or 1,000) allows. */
    synchronized boolean isFlooding(boolean authenticated) {
        Bucket bucket = authenticated ? afterAuthentication : beforeAuthentication;
        double floor = authenticated ? AUTHENTICATED_STRIKES_TO_CLOSE : UNAUTHENTICATED_STRIKES_TO_CLOSE;
        double allowed = Math.max(floor, bucket == null ? 0 : bucket.burst);
        return fadedStrikes(System.nanoTime()) > allowed;
    }

    private void strike() {
        long now = System.nanoTime();
        strikes = fadedStrikes(now) + 1;
        lastStrike = now;
    }

    private double fadedStrikes(long now) {
        return strikes * Math.pow(0.5, (now - lastStrike) / STRIKE_HALF_LIFE_NANOS);
    }

    private static final class Bucket {
        private final double ratePerSecond;
        private final double burst;
        private double tokens;
        private long lastRefill = System.nanoTime();

        Bucket(double ratePerSecond, double burst) {
            this.ratePerSecond = ratePerSecond;
            this.burst = burst;
            this.tokens = burst;
        }

        boolean take() {
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
}
