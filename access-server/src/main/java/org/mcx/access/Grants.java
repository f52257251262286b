package org.mcx.access;

import java.security.PublicKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mcx.protocol.message.Csc15;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.RateLimit;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.model.UserAccess;
import org.mcx.protocol.token.UserTokenFormat;

/**
 * What this service access server knows, all of it from CSC-15: which application may use which
 * profile, which user may use which service, where each service runs, and the key that verifies
 * user tokens. Read on every request without locks; replaced or patched by the feed, in order.
 */
final class Grants {
    /** A profile as the proxy routes it: {@code /services/{applicationProfileId}/...}. */
    /** {@code limit}: the profile's own rate limits, or null for the node's defaults. */
    record Route(String applicationProfileId, String applicationId, ServiceType serviceType, String serviceInterface,
                 RateLimit limit) {
    }

    record PoolKey(ServiceType serviceType, String serviceInterface) {
    }

    private volatile Map<String, Route> routes = Map.of();
    private final Map<String, UserAccess> users = new ConcurrentHashMap<>();
    private final Map<PoolKey, Pool> pools = new ConcurrentHashMap<>();
    private final Map<String, List<ApplicationProfile>> profilesByApplication = new ConcurrentHashMap<>();
    private volatile PublicKey tokenKey;
    private volatile long seq = -1;

    synchronized void replace(Csc15.Snapshot snapshot) {
        profilesByApplication.clear();
        for (Csc15.ApplicationGrants app : snapshot.applications()) {
            profilesByApplication.put(app.applicationId(), List.copyOf(app.applicationProfiles()));
        }
        rebuildRoutes();
        users.clear();
        snapshot.users().forEach(u -> users.put(u.mcServiceId(), u));
        pools.clear();
        if (snapshot.services() != null) {
            snapshot.services().forEach(this::putPool);
        }
        tokenKey = snapshot.tokenKey() == null ? null : UserTokenFormat.publicKey(snapshot.tokenKey());
        seq = snapshot.seq();
    }

    synchronized void apply(Csc15.UpdateApplicationProfile update) {
        if (update.seq() <= seq) {
            return; // already in the snapshot this feed started from
        }
        if (update.applicationProfiles().isEmpty()) {
            profilesByApplication.remove(update.applicationId());
        } else {
            profilesByApplication.put(update.applicationId(), List.copyOf(update.applicationProfiles()));
        }
        rebuildRoutes();
        seq = Math.max(seq, update.seq());
    }

    synchronized void apply(Csc15.UpdateUserAccess update) {
        if (update.seq() <= seq) {
            return; // already in the snapshot this feed started from
        }
        users.put(update.mcServiceId(), update.access());
        seq = Math.max(seq, update.seq());
    }

    synchronized void apply(Csc15.UpdateServiceInstances update) {
        if (update.seq() <= seq) {
            return; // already in the snapshot this feed started from
        }
        putPool(new Csc15.ServicePool(update.serviceType(), update.serviceInterface(), update.instances()));
        seq = Math.max(seq, update.seq());
    }

    private void putPool(Csc15.ServicePool pool) {
        PoolKey key = new PoolKey(pool.serviceType(), pool.serviceInterface());
        if (pool.instances().isEmpty()) {
            pools.remove(key);
        } else {
            pools.put(key, new Pool(pool.instances()));
        }
    }

    private void rebuildRoutes() {
        Map<String, Route> next = new HashMap<>();
        profilesByApplication.forEach((app, profiles) -> profiles.forEach(p -> next.put(p.applicationProfileId(),
                new Route(p.applicationProfileId(), app, p.authorizedService().serviceType(),
                        p.authorizedService().serviceInterface(), p.rateLimit()))));
        routes = Map.copyOf(next);
    }

    Route route(String applicationProfileId) {
        return routes.get(applicationProfileId);
    }

    UserAccess user(String mcServiceId) {
        return users.get(mcServiceId);
    }

    Pool pool(ServiceType type, String serviceInterface) {
        return pools.get(new PoolKey(type, serviceInterface));
    }

    PublicKey tokenKey() {
        return tokenKey;
    }

    long seq() {
        return seq;
    }

    /** Whether a user's token is still honoured: the user exists, may go outside, and the token is newer than any revocation. */
    static boolean tokenStillValid(UserAccess access, UserTokenFormat.Claims claims) {
        Instant revokedBefore = access.tokensRevokedBefore();
        return revokedBefore == null || !claims.issuedAt().isBefore(revokedBefore);
    }
}
