package org.mcx.backend.registry;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mcx.backend.events.EventBus;
import org.mcx.backend.events.PublishedEvent;
import org.mcx.backend.store.Database;
import org.mcx.backend.store.Sql;
import org.mcx.protocol.model.ServiceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which MC service users may use external applications, and for which services: read from the
 * users table on first use, then answered from memory, so discovery costs no database round trip.
 *
 * <p>A stale grant would be a security bug, so every committed {@code user.saved} event drops that
 * user's entry before anyone can act on the change. A load that started before such an event could
 * finish after it with the old row; a generation counter, bumped on every invalidation, keeps such
 * a load out of the cache (it still answers the one request that started before the change).
 * Unknown users are cached too (creating a user also publishes {@code user.saved}), and the whole
 * cache is dropped if it grows past {@link #MAX_ENTRIES}, so made-up ids cannot exhaust memory.
 */
final class UserAccessCache implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UserAccessCache.class);
    static final String USER_SAVED = "user.saved";
    static final int MAX_ENTRIES = 100_000;

    /** A user's external access; {@link #NONE} for unknown users. */
    record Access(boolean externalAccessAllowed, Set<ServiceType> allowedServices) {
        static final Access NONE = new Access(false, Set.of());
    }

    private final Database db;
    private final Map<String, Access> cache = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final Runnable unsubscribe;

    UserAccessCache(Database db, EventBus bus) {
        this.db = db;
        this.unsubscribe = bus.subscribe(this::onEvent);
    }

    /** The user's access; completes at once when cached. */
    CompletableFuture<Access> find(String mcServiceId) {
        Access cached = cache.get(mcServiceId);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        long loadedAt = generation.get();
        return db.read(c -> Sql.queryOne(c,
                "SELECT external_access_allowed, allowed_services FROM users WHERE mc_service_id = ?",
                rs -> new Access(rs.getBoolean(1), services(rs.getString(2))), mcServiceId).orElse(Access.NONE))
                .thenApply(access -> {
                    if (cache.size() >= MAX_ENTRIES) {
                        log.warn("user access cache reached {} entries; dropping it", MAX_ENTRIES);
                        cache.clear();
                    }
                    // Atomic with the invalidation's remove of the same key, which always follows its bump.
                    cache.compute(mcServiceId, (id, current) -> generation.get() == loadedAt ? access : current);
                    return access;
                });
    }

    /** On the writer thread, right after the commit that changed the user. */
    private void onEvent(PublishedEvent published) {
        if (!USER_SAVED.equals(published.event().topic())) {
            return;
        }
        generation.incrementAndGet();
        String id = published.event().data() == null ? null : published.event().data().path("mcServiceId").asText(null);
        if (id == null) {
            log.warn("user.saved event {} names no mcServiceId; dropping every cached user", published.event().seq());
            cache.clear();
        } else {
            cache.remove(id);
        }
    }

    static Set<ServiceType> services(String csv) {
        Set<ServiceType> out = EnumSet.noneOf(ServiceType.class);
        if (csv == null || csv.isEmpty()) {
            return Set.of();
        }
        for (String name : csv.split(",")) {
            try {
                out.add(ServiceType.valueOf(name.trim()));
            } catch (IllegalArgumentException e) {
                // Fail closed: an unknown name grants nothing, but someone should hear about it.
                log.warn("users.allowed_services holds unknown service type '{}'; ignored", name, e);
            }
        }
        return java.util.Collections.unmodifiableSet(out);
    }

    @Override
    public void close() {
        unsubscribe.run();
    }
}
