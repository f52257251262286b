package org.mcx.access;

import java.util.concurrent.ConcurrentHashMap;
import org.mcx.protocol.model.RateLimit;

/**
 * Token buckets per application and per user: one application's flood uses up its own bucket and
 * no one else's. Answers how many seconds to wait when empty (for {@code Retry-After}).
 */
final class RateLimits {
    private final double perApplication;
    private final double perUser;
    private final ConcurrentHashMap<String, Bucket> applications = new ConcurrentHashMap<>();
    /** Per application, then per user: no key is built per request. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Bucket>> users = new ConcurrentHashMap<>();

    RateLimits(double perApplicationPerSecond, double perUserPerSecond) {
        this.perApplication = perApplicationPerSecond;
        this.perUser = perUserPerSecond;
    }

    /** 0 if the request may go; otherwise the seconds to wait. */
    long admit(String applicationId, String mcServiceId) {
        long wait = take(applications, applicationId, perApplication);
        if (wait > 0) {
            return wait;
        }
        return take(usersOf(applicationId), mcServiceId, perUser);
    }

    /**
     * As {@link #admit(String, String)}, but a profile with its own limits has its own buckets
     * (for the application, and for each user) at its own rates; a rate it leaves out is the default.
     */
    long admit(String applicationId, String mcServiceId, String applicationProfileId, RateLimit own) {
        if (own == null) {
            return admit(applicationId, mcServiceId);
        }
        String scope = applicationProfileId + "\u0000";
        long wait = take(applications, scope + applicationId,
                own.requestsPerSecond() == null ? perApplication : own.requestsPerSecond());
        if (wait > 0) {
            return wait;
        }
        return take(usersOf(scope + applicationId), mcServiceId,
                own.perUserRequestsPerSecond() == null ? perUser : own.perUserRequestsPerSecond());
    }

    private ConcurrentHashMap<String, Bucket> usersOf(String applicationScope) {
        if (users.size() > 100_000) {
            users.clear(); // bounded memory whatever ids arrive
        }
        return users.computeIfAbsent(applicationScope, k -> new ConcurrentHashMap<>());
    }

    private static long take(ConcurrentHashMap<String, Bucket> buckets, String key, double rate) {
        if (rate <= 0) {
            return 0;
        }
        if (buckets.size() > 1_000_000) {
            buckets.clear(); // bounded memory whatever ids arrive
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(rate)).take();
    }

    private static final class Bucket {
        private final double rate;
        private final double burst;
        private double tokens;
        private long last = System.nanoTime();

        Bucket(double rate) {
            this.rate = rate;
            this.burst = Math.max(1, rate);
            this.tokens = burst;
        }

        synchronized long take() {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / rate));
        }
    }
}
