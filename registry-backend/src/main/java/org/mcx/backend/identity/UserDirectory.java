package org.mcx.backend.identity;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mcx.backend.events.EventBus;
import org.mcx.backend.events.PublishedEvent;
import org.mcx.backend.store.Database;
import org.mcx.protocol.model.UserAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which MC service users may use external applications, and for which services (5.2.8: "the MC
 * service users' authorization as per their respective user profile"): read from the users table
 * on first use, then answered from memory, so discovery costs no database round trip. Code that
 * reads inside a write transaction uses {@link #find(Connection, String)} instead.
 *
 * <p>A stale grant would be a security bug, so every committed {@code user.saved} event drops that
 * user's entry before anyone can act on the change. A load that started before such an event could
 * finish after it with the old row; a generation counter, bumped on every invalidation, keeps such
 * a load out of the cache (it still answers the one request that started before the change).
 * Unknown users are cached too (creating a user also publishes {@code user.saved}), and the whole
 * cache is dropped if it grows past {@link #MAX_ENTRIES}, so made-up ids cannot exhaust memory.
 */
public final class UserDirectory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UserDirectory.class);
    static final String USER_SAVED = "user.saved";
    static final String USER_DELETED = "user.deleted";
    static final int MAX_ENTRIES = 100_000;


    private final Database db;
    private final Map<String, UserAccess> cache = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final Runnable unsubscribe;

    public UserDirectory(Database db, EventBus bus) {
        this.db = db;
        this.unsubscribe = bus.subscribe(this::onEvent);
    }

    /** The user's access (none at all for an unknown user); completes at once when cached. */
    public CompletableFuture<UserAccess> access(String mcServiceId) {
        UserAccess cached = cache.get(mcServiceId);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        long loadedAt = generation.get();
        return db.read(c -> find(c, mcServiceId).orElse(none(mcServiceId)))
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
        String topic = published.event().topic();
        if (!USER_SAVED.equals(topic) && !USER_DELETED.equals(topic)) {
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

    /** The user's access as of this connection's transaction; empty for an unknown user. */
    public static Optional<UserAccess> find(Connection c, String mcServiceId) throws SQLException {
        return UserStore.find(c, mcServiceId).map(StoredUser::access);
    }

    private static UserAccess none(String mcServiceId) {
        return new UserAccess(mcServiceId, false, List.of(), null);
    }

    @Override
    public void close() {
        unsubscribe.run();
    }
}
