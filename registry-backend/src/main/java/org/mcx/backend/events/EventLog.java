package org.mcx.backend.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.mcx.backend.store.Database;
import org.mcx.backend.store.Sql;
import org.mcx.backend.store.StoreException;
import org.mcx.backend.store.Tx;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.wire.Codec;

/**
 * The persisted event log. An event is inserted in the transaction of the change it describes and
 * published only after that commits, so no subscriber ever sees what a crash could take back.
 * Sequence numbers are assigned on the single writer thread, so they follow commit order.
 */
public final class EventLog {
    private final Codec codec;
    private final EventBus bus;
    private volatile long lastSeq;

    private EventLog(Codec codec, EventBus bus, long lastSeq) {
        this.codec = codec;
        this.bus = bus;
        this.lastSeq = lastSeq;
    }

    public static EventLog open(Database db, Codec codec, EventBus bus) {
        long last = db.read(c -> Sql.queryLong(c, "SELECT COALESCE(MAX(seq), 0) FROM events")).join();
        return new EventLog(codec, bus, last);
    }

    public EventBus bus() {
        return bus;
    }

    /** The newest committed-or-committing sequence number; exact when read at a quiet point. */
    public long lastSeq() {
        return lastSeq;
    }

    public ObjectNode data() {
        return codec.mapper().createObjectNode();
    }

    /** Appends an event to the transaction; published after commit. Writer thread only. */
    public Common.Event append(Tx tx, String topic, ObjectNode data) throws SQLException {
        long previous = lastSeq;
        long seq = previous + 1;
        Instant at = Instant.now();
        Sql.update(tx.connection(), "INSERT INTO events (seq, topic, at, data) VALUES (?, ?, ?, ?)",
                seq, topic, at, data.toString());
        lastSeq = seq;
        tx.onRollback(() -> lastSeq = previous);
        Common.Event event = new Common.Event(seq, topic, at, data);
        tx.afterCommit(() -> bus.publish(new PublishedEvent(event, codec.event(event))));
        return event;
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
}
