package org.mcx.access;

import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.mcx.protocol.message.Csc15.ServiceEndpoint;
import org.mcx.protocol.model.Priority;
import org.mcx.protocol.model.UserAccess;
import org.mcx.protocol.token.UserTokenFormat;

/**
 * The checks of 10.X.5 step 2, apart from any HTTP library: the link to the registry is in sync,
 * the path names a profile, the bearer token verifies and is the profile's application's, the
 * user may use this service, the priority is one the user may claim, the rate limits allow it,
 * and a live instance exists. Each refusal says why, for the problem document and the audit.
 */
final class AccessChecks {
    static final String PREFIX = "/services/";

    /** What the checks learnt before refusing, for the audit. */
    static final class Seen {
        String applicationId;
        String mcServiceId;
        String applicationProfileId;
    }

    private final Grants grants;
    /** Whether the grants may be relied on now (the CSC-15 link is in sync, or within its grace). */
    private final BooleanSupplier inSync;
    private final TokenVerifier tokens = new TokenVerifier();
    private final RateLimits limits;
    private final AccessCounters counters;
    private final DenialReporter reporter;

    AccessChecks(Grants grants, BooleanSupplier inSync, RateLimits limits, AccessCounters counters, DenialReporter reporter) {
        this.grants = grants;
        this.inSync = inSync;
        this.limits = limits;
        this.counters = counters;
        this.reporter = reporter;
    }

    /**
     * @param rawPath the request target's path as sent (not decoded)
     * @param authorization the {@code Authorization} header, or null
     * @param priorityHeader the {@code MC-Priority} header, or null
     */
    Target authorize(String rawPath, String authorization, String priorityHeader, Seen seen) throws Refusal {
        if (!inSync.getAsBoolean()) {
            throw new Refusal(503, "Service Unavailable", "not-synchronised", "service access is being resynchronised", 1);
        }
        if (!rawPath.startsWith(PREFIX)) {
            throw new Refusal(404, "Not Found", "unknown-path", "no such service", 0);
        }
        if (!SafePath.isSafe(rawPath)) {
            throw new Refusal(400, "Bad Request", "bad-path", "the path may not leave its service", 0);
        }
        int slash = rawPath.indexOf('/', PREFIX.length());
        String profileId = slash < 0 ? rawPath.substring(PREFIX.length()) : rawPath.substring(PREFIX.length(), slash);
        String rest = slash < 0 ? "" : rawPath.substring(slash);
        UserTokenFormat.Claims claims = tokens.verify(grants.tokenKey(), authorization)
                .filter(c -> !c.expired(Instant.now())).orElse(null);
        if (claims == null) {
            throw new Refusal(401, "Unauthorized", "bad-token", "a valid bearer user token is required", 0);
        }
        seen.applicationId = claims.applicationId();
        seen.mcServiceId = claims.mcServiceId();
        Grants.Route route = grants.route(profileId);
        if (route == null) {
            throw new Refusal(404, "Not Found", "unknown-path", "no such service", 0);
        }
        seen.applicationProfileId = route.applicationProfileId();
        if (!route.applicationId().equals(claims.applicationId())) {
            throw new Refusal(403, "Forbidden", "not-authorized", "this application is not authorized for this service", 0);
        }
        UserAccess user = grants.user(claims.mcServiceId());
        if (user == null || !user.externalAccessAllowed() || !user.allowedServices().contains(route.serviceType())) {
            throw new Refusal(403, "Forbidden", "user-not-allowed", "this user may not use this service from outside", 0);
        }
        if (!Grants.tokenStillValid(user, claims)) {
            throw new Refusal(401, "Unauthorized", "revoked-token", "this token was revoked; authenticate again", 0);
        }
        Priority claimed = Priority.parse(priorityHeader)
                .orElseThrow(() -> new Refusal(400, "Bad Request", "bad-priority",
                        "MC-Priority must be emergency, imminent-peril or normal", 0));
        // A priority above the user's is not refused (the request may matter) but served at the
        // user's own, and audited: a forged emergency must not jump the queue (R-5.18.2-003).
        Priority priority = claimed.atMost(user.maxPriority());
        if (priority != claimed) {
            counters.downgraded();
            reporter.denied("priority-downgraded", claims.applicationId(), claims.mcServiceId(),
                    route.applicationProfileId());
        }
        long wait = limits.admit(claims.applicationId(), claims.mcServiceId(), route.applicationProfileId(), route.limit());
        if (wait > 0) {
            throw new Refusal(429, "Too Many Requests", "rate-limited", "rate limit exceeded", wait);
        }
        Pool pool = grants.pool(route.serviceType(), route.serviceInterface());
        ServiceEndpoint instance = pool == null ? null : pool.pick(null);
        if (instance == null) {
            throw new Refusal(503, "Service Unavailable", "no-instance", "no live instance of this service", 5);
        }
        return new Target(route, pool, instance, rest, claims.mcServiceId(), priority, false);
    }
}
