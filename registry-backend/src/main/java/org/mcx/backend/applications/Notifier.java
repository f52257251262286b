package org.mcx.backend.applications;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mcx.backend.store.Sql;
import org.mcx.backend.store.Tx;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.PeerSession;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Csc14.NotifyApplicationProfile;
import org.mcx.protocol.wire.MessageType;
import org.mcx.backend.events.PublishedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notify, acknowledge, get flow of 10.X.4. A change to a profile upserts a row of
 * {@code notifications} in the change's transaction; after the commit the notification goes to
 * every connected session of the application. The first {@code success} answer from any of
 * them acknowledges it (deletes the row); what is still unacknowledged is re-sent to a session
 * when it authenticates, so an application that was away, or the whole backend that restarted,
 * loses nothing.
 *
 * <p>Delivery is at least once: an application may see a notification again (another session
 * answered late, a re-send after reconnecting) and should just fetch the profile again.
 *
 * <p>Threads: the notification is sent when the change's event is published on this node, from
 * any node's change; a session that authenticates joins the recipients before the waiting rows are
 * read, so a change committing meanwhile reaches it at least once (twice at worst). The sends themselves run on the
 * {@link FanOut}'s lanes, in commit order per session, so a thousand sessions never hold up the writer.
 */
final class Notifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    /**
     * Only bounds how long a request waits for its answer (a late answer is ignored and the
     * notification re-sent on reconnect).
     */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private record Key(String applicationId, String applicationProfileId) {
    }

    private final SystemContext ctx;
    private final Map<String, Set<PeerSession>> sessionsByApplication = new ConcurrentHashMap<>();
    /** Mirrors the notifications table for what was sent; lets 999 late acknowledgements skip the database. */
    private final Map<Key, Long> unacknowledged = new ConcurrentHashMap<>();
    private final FanOut fanOut = new FanOut("mcx-notify", FanOut.defaultLanes());
    private final AtomicLong notificationIds = new AtomicLong();
    private static final String NOTIFY = MessageType.NOTIFY_APPLICATION_PROFILE.wireName();

    Notifier(SystemContext ctx) {
        this.ctx = ctx;
        ctx.events().bus().subscribe(this::onEvent);
    }

    /** In the transaction of a change to a profile: records the notification; its event sends it (see {@link #onEvent}). */
    void profileChanged(Tx tx, String applicationId, String applicationProfileId, long version) throws SQLException {
        Connection c = tx.connection();
        // UPDATE, then INSERT: portable (H2 has no ON CONFLICT DO UPDATE). Two nodes inserting the same row
        // at once meet on its key (23505); the loser's transaction runs again and finds the row to update.
        if (Sql.update(c, "UPDATE notifications SET version = ? WHERE application_id = ? AND application_profile_id = ?",
                version, applicationId, applicationProfileId) == 0) {
            Sql.update(c, "INSERT INTO notifications (application_id, application_profile_id, version) VALUES (?, ?, ?)",
                    applicationId, applicationProfileId, version);
        }
    }

    /**
     * Every node hears of every profile change from the event log, whichever node made it, and
     * notifies the sessions connected to it.
     */
    private void onEvent(PublishedEvent published) {
        Common.Event e = published.event();
        if (!e.topic().equals("profile.updated") && !e.topic().equals("profile.deleted") || e.data() == null) {
            return;
        }
        String applicationId = e.data().path("applicationId").asText();
        String applicationProfileId = e.data().path("applicationProfileId").asText();
        long version = e.data().path("version").asLong();
        Key key = new Key(applicationId, applicationProfileId);
        unacknowledged.merge(key, version, Math::max);
        List<PeerSession> recipients = List.copyOf(sessionsByApplication.getOrDefault(applicationId, Set.of()));
        if (recipients.isEmpty()) {
            return;
        }
        // One frame, one id, for every session: each awaits its own answer to it.
        String id = "n-" + notificationIds.incrementAndGet();
        String frame = ctx.codec().request(id, MessageType.NOTIFY_APPLICATION_PROFILE,
                new NotifyApplicationProfile(applicationProfileId, version));
        fanOut.sendToAll(recipients, session -> session.requestEncoded(id, frame, NOTIFY, ACK_TIMEOUT)
                .whenComplete((reply, failure) -> answered(session, key, version, reply, failure)));
    }

    /**
     * An application session authenticated and its reply is on the wire: from now on it receives
     * notifications, starting with every one its application has not acknowledged.
     */
    void joined(PeerSession session, String applicationId) {
        // Joined first, read second: a change committed in between reaches the session twice, never not at all.
        ctx.events().atPublishedPoint(seq -> sessionsByApplication.compute(applicationId, (id, set) -> {
            Set<PeerSession> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            s.add(session);
            return s;
        }));
        session.onClose(() -> sessionsByApplication.computeIfPresent(applicationId, (id, set) -> {
            set.remove(session);
            return set.isEmpty() ? null : set;
        }));
        ctx.db().read(c -> {
            List<NotifyApplicationProfile> waiting = Sql.query(c, "SELECT application_profile_id, version FROM"
                            + " notifications WHERE application_id = ? ORDER BY application_profile_id",
                    rs -> new NotifyApplicationProfile(rs.getString(1), rs.getLong(2)), applicationId);
            for (NotifyApplicationProfile n : waiting) {
                unacknowledged.merge(new Key(applicationId, n.applicationProfileId()), n.version(), Math::max);
            }
            if (!waiting.isEmpty()) {
                fanOut.sendTo(session, () -> waiting.forEach(n ->
                        deliver(session, new Key(applicationId, n.applicationProfileId()), n)));
            }
            return waiting.size();
        }).whenComplete((resent, failure) -> {
            if (failure != null) {
                // Without the re-send the application could miss a change; make it reconnect and try again.
                log.error("could not load unacknowledged notifications for {}", session.describe(), failure);
                session.close(1011, "try again");
            } else if (resent > 0) {
                log.info("re-sending {} unacknowledged notification(s) to {}", resent, session.describe());
            }
        });
    }

    /** Sends one notification to one session (a re-send on reconnect) and handles its answer. */
    private void deliver(PeerSession session, Key key, NotifyApplicationProfile body) {
        session.request(MessageType.NOTIFY_APPLICATION_PROFILE, body, ACK_TIMEOUT)
                .whenComplete((reply, failure) -> answered(session, key, body.version(), reply, failure));
    }

    private void answered(PeerSession session, Key key, long version, JsonNode reply, Throwable failure) {
        if (failure != null) {
            // Closed or slow: the row stays and is re-sent when the application reconnects.
            log.debug("{} did not acknowledge {} version {}: {}", session.describe(), key.applicationProfileId(),
                    version, failure.toString());
            return;
        }
        Common.ResultBody result;
        try {
            result = ctx.codec().decode(reply, Common.ResultBody.class);
        } catch (ProtocolException e) {
            log.warn("{} answered notifyApplicationProfile {} with a bad body: {} ({})", session.describe(),
                    key.applicationProfileId(), e.getMessage(), e.field());
            return;
        }
        if (result.result() == Common.Result.SUCCESS) {
            acknowledged(key, version);
        } else {
            log.info("{} answered notifyApplicationProfile {} version {} with {}", session.describe(),
                    key.applicationProfileId(), version, result.result());
        }
    }

    private void acknowledged(Key key, long version) {
        Long waiting = unacknowledged.get(key);
        // Nothing waits (another session acknowledged first), or a newer version does: no write.
        if (waiting == null || waiting > version || !unacknowledged.remove(key, waiting)) {
            return;
        }
        ctx.db().write(tx -> Sql.update(tx.connection(), "DELETE FROM notifications WHERE application_id = ?"
                        + " AND application_profile_id = ? AND version <= ?",
                key.applicationId(), key.applicationProfileId(), version))
                .whenComplete((n, failure) -> {
                    if (failure != null) {
                        // The row stays, so the notification is re-sent on the next connection.
                        log.error("could not record the acknowledgement of {} version {} by {}",
                                key.applicationProfileId(), version, key.applicationId(), failure);
                    }
                });
    }

    /** How many sessions of the application are connected (for tests and diagnostics). */
    int connectedSessions(String applicationId) {
        return sessionsByApplication.getOrDefault(applicationId, Set.of()).size();
    }

    @Override
    public void close() {
        fanOut.close();
    }
}
