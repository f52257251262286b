package org.mcx.backend.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.LongFunction;
import org.mcx.backend.store.Database;
import org.mcx.backend.store.Sql;
import org.mcx.backend.store.StoreException;
import org.mcx.backend.store.Tx;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.wire.Codec;

/**
 * The persisted event log. An event is inserted in the transaction of the change it describes and
 * published only after that commits, so no subscriber ever sees what a crash could take back.
 * Numbers come from the shared {@code log_clock}, in commit order across every node on the
 * database; {@link EventTail} publishes every node's events here in that order.
 */
public final class EventLog implements AutoCloseable {
    /**
     * Topics of events that carry what every node must act on (sign a user out everywhere, push a
     * grant to every service access server) rather than what consoles are told; never sent to them.
     */
    public static final String INTERNAL = "internal.";
    private static final List<String> COLUMNS = List.of("topic", "at", "data");
    private final Codec codec;
    private final EventBus bus;
    private final EventTail tail;

    private EventLog(Database db, Codec codec, EventBus bus, long lastSeq) {
        this.codec = codec;
        this.bus = bus;
        this.tail = new EventTail(db, this, bus, lastSeq);
    }

    /** Opens the log; events committed from now on, by any node, are published to {@code bus}. */
    public static EventLog open(Database db, Codec codec, EventBus bus) {
        long last = db.read(c -> Sql.queryLong(c, "SELECT COALESCE(MAX(seq), 0) FROM events")).join();
        EventLog log = new EventLog(db, codec, bus, last);
        log.tail.start();
        return log;
    }

    public EventBus bus() {
        return bus;
    }

    /** The newest event published on this node. */
    public long lastSeq() {
        return tail.published();
    }

    /**
     * Runs {@code work} with the newest published event's number; no event is published while it
     * runs, so whoever joins a live feed there misses nothing and gets nothing twice. Keep it short.
     */
    public <T> T atPublishedPoint(LongFunction<T> work) {
        return tail.atPublishedPoint(work);
    }

    /**
     * As {@link #atPublishedPoint}, once every event up to {@code seq} — committed, by any node — is
     * published here (for a snapshot read at {@code seq}); fails after {@code timeoutMillis}.
     */
    public <T> T afterPublishing(long seq, long timeoutMillis, LongFunction<T> work) throws InterruptedException {
        return tail.afterPublishing(seq, timeoutMillis, work);
    }

    /** The newest committed event's number, as of {@code c}'s transaction (for snapshots). */
    public static long committedSeq(Connection c) throws SQLException {
        return Sql.queryLong(c, "SELECT seq FROM log_clock WHERE name = 'events'");
    }

    public ObjectNode data() {
        return codec.mapper().createObjectNode();
    }

    /**
     * Appends an event to the transaction: numbered and written just before it commits, published
     * after. Writer thread only.
     */
    public void append(Tx tx, String topic, ObjectNode data) {
        // Milliseconds, as stored: an event reads the same whether published from here or from the log.
        Instant at = Instant.ofEpochMilli(System.currentTimeMillis());
        Numbered numbered = new Numbered();
        tx.appendAtCommit(Tx.Log.EVENTS, COLUMNS, seq -> {
            numbered.event = new Common.Event(seq, topic, at, data);
            tail.appended(seq);
            tx.onRollback(() -> tail.rolledBack(seq));
        }, topic, at, data.toString());
        // Registered now, not when numbered, so that it runs in its place among the transaction's other actions.
        tx.afterCommit(() -> tail.publishOwn(numbered.event, codec.event(numbered.event)));
    }

    /** An appended event, given its number just before the commit. */
    private static final class Numbered {
        private Common.Event event;
    }

    /** Committed events with {@code after < seq <= upTo}, oldest first, at most {@code limit}. */
    public List<Common.Event> read(Connection c, long after, long upTo, int limit) throws SQLException {
        return Sql.query(c, "SELECT seq, topic, at, data FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?",
                rs -> new Common.Event(rs.getLong("seq"), rs.getString("topic"), Sql.instant(rs, "at"),
                        parse(rs.getString("data"))), after, upTo, limit);
    }

    public String encode(Common.Event event) {
        return codec.event(event);
    }

    private JsonNode parse(String json) {
        try {
            return codec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored event data is not JSON", e);
        }
    }

    /** Stops reading other nodes' events. */
    @Override
    public void close() {
        tail.close();
    }
}
