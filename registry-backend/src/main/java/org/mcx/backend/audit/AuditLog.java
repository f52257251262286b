package org.mcx.backend.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.mcx.backend.store.Database;
import org.mcx.backend.store.Sql;
import org.mcx.backend.store.Tx;
import org.mcx.protocol.message.Console.AuditEntry;
import org.mcx.protocol.wire.Codec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who did what, when: every change (written in the change's own transaction) and every refused
 * request. Entries never hold a secret: callers pass ids and names only.
 */
public final class AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    /** Refusals written per second at most; a flood of refusals must not become a flood of writes. */
    private static final int DENIALS_PER_SECOND = 50;

    public static final String ALLOWED = "ok";
    public static final String DENIED = "denied";

    private static final List<String> COLUMNS = List.of("at", "actor", "action", "target", "outcome", "detail");
    private final Database db;
    private final Codec codec;
    private final AtomicLong denialWindow = new AtomicLong();
    private final AtomicLong denialsInWindow = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    private AuditLog(Database db, Codec codec) {
        this.db = db;
        this.codec = codec;
    }

    public static AuditLog open(Database db, Codec codec) {
        return new AuditLog(db, codec);
    }

    public ObjectNode detail() {
        return codec.mapper().createObjectNode();
    }

    /** Records a change in its own transaction (written when that commits). Writer thread only. */
    public void record(Tx tx, String actor, String action, String target, String outcome, ObjectNode detail) {
        // Numbered by the shared clock at commit, so that nodes on one database never take the same number.
        tx.appendAtCommit(Tx.Log.AUDIT, COLUMNS, seq -> { }, Instant.now(), actor, action, target, outcome,
                detail == null ? null : detail.toString());
    }

    /** Records a refused request in a transaction of its own, rate-limited; never blocks the caller. */
    public void denied(String actor, String action, String target, String reason) {
        long second = System.currentTimeMillis() / 1000;
        if (denialWindow.getAndSet(second) != second) {
            denialsInWindow.set(0);
        }
        if (denialsInWindow.incrementAndGet() > DENIALS_PER_SECOND) {
            suppressed.incrementAndGet();
            return;
        }
        long dropped = suppressed.getAndSet(0);
        db.write(tx -> {
            if (dropped > 0) {
                record(tx, "system", "audit.suppressed", null, DENIED,
                        detail().put("count", dropped).put("why", "more refusals per second than are written"));
            }
            record(tx, actor, action, target, DENIED, detail().put("reason", reason));
            return null;
        }).exceptionally(e -> {
            log.error("could not audit a refused {} by {}", action, actor, e);
            return null;
        });
    }

    /** Entries after {@code sinceSeq} (oldest first) or, without it, the newest {@code limit}. */
    public List<AuditEntry> list(Connection c, Long sinceSeq, int limit) throws SQLException {
        Sql.RowMapper<AuditEntry> row = rs -> new AuditEntry(rs.getLong("seq"), Sql.instant(rs, "at"),
                rs.getString("actor"), rs.getString("action"), rs.getString("target"), rs.getString("outcome"),
                rs.getString("detail") == null ? null : readTree(rs.getString("detail")));
        if (sinceSeq != null) {
            return Sql.query(c, "SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?", row, sinceSeq, limit);
        }
        List<AuditEntry> newest = Sql.query(c, "SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?", row, limit);
        java.util.Collections.reverse(newest);
        return newest;
    }

    private com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return codec.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            log.warn("unreadable audit detail", e);
            return null;
        }
    }
}
