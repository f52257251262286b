package org.mcx.backend.acms.outbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.mcx.backend.store.Sql;
import org.mcx.backend.store.Tx;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.Codec;
import org.mcx.protocol.wire.MessageType;

/**
 * The persistent outbox to partner systems. A message is written in the transaction of the change
 * that makes it, so it exists exactly when the change does; it is sent in order per partner and
 * deleted in the transaction that records the partner's {@code stored}. It knows message types and
 * request ids, nothing of what the messages mean.
 */
public final class Outbox {
    private final Codec codec;
    private final Consumer<String> wakeUp;

    /** @param wakeUp told, after commit, which partner has something new to send */
    public Outbox(Codec codec, Consumer<String> wakeUp) {
        this.codec = codec;
        this.wakeUp = wakeUp;
    }

    private static final java.util.List<String> COLUMNS = java.util.List.of("partner_system_id", "request_id",
            "message_type", "body", "created_at");

    public long enqueue(Tx tx, String partnerSystemId, String requestId, MessageType type, Body body)
            throws SQLException {
        // Numbered by the shared clock: ids follow commit order across every node on the database.
        long id = tx.insertNumbered(Tx.Log.OUTBOX, COLUMNS, partnerSystemId, requestId, type.wireName(),
                codec.mapper().valueToTree(body).toString(), Instant.now());
        // The partner was read before the clock was taken; a deletion another node committed since
        // would strand this message (nobody sends to a partner that is gone).
        if (Sql.queryLong(tx.connection(), "SELECT COUNT(*) FROM partners WHERE system_id = ?", partnerSystemId) == 0) {
            throw ProtocolException.notFound("partner " + partnerSystemId + " (deleted meanwhile)");
        }
        tx.afterCommit(() -> wakeUp.accept(partnerSystemId));
        return id;
    }

    /** The oldest message for a partner: the only one that may be sent now. */
    public Optional<OutboxEntry> head(Connection c, String partnerSystemId) throws SQLException {
        return Sql.queryOne(c, "SELECT * FROM acms_outbox WHERE partner_system_id = ? ORDER BY outbox_id LIMIT 1",
                Outbox::row, partnerSystemId);
    }

    /**
     * Whether the entry was still there: a cancel may have removed it while it was on the wire. The
     * row count decides, so an outcome is recorded once, whoever sent the entry. Only under a held
     * lease ({@link SendOutcomes}).
     */
    boolean remove(Connection c, long outboxId) throws SQLException {
        return Sql.update(c, "DELETE FROM acms_outbox WHERE outbox_id = ?", outboxId) > 0;
    }

    public int removeForRequest(Connection c, String requestId) throws SQLException {
        return Sql.update(c, "DELETE FROM acms_outbox WHERE request_id = ?", requestId);
    }

    /** Counts a failed attempt. Only under a held lease ({@link SendOutcomes}). */
    void attemptFailed(Connection c, long outboxId, String error) throws SQLException {
        String shortError = error.length() > 500 ? error.substring(0, 500) : error;
        Sql.update(c, "UPDATE acms_outbox SET attempts = attempts + 1, last_attempt_at = ?, last_error = ?"
                + " WHERE outbox_id = ?", Instant.now(), shortError, outboxId);
    }

    /** How the message of a request is faring, if one is waiting. */
    public Optional<Exchange.Delivery> delivery(Connection c, String requestId) throws SQLException {
        return Sql.queryOne(c, "SELECT attempts, last_attempt_at, last_error FROM acms_outbox WHERE request_id = ?"
                        + " ORDER BY outbox_id LIMIT 1",
                rs -> new Exchange.Delivery(rs.getInt("attempts"), Sql.instant(rs, "last_attempt_at"),
                        rs.getString("last_error")), requestId);
    }

    /** Partners with something waiting, to start sending at boot. */
    public List<String> partnersWaiting(Connection c) throws SQLException {
        return Sql.query(c, "SELECT DISTINCT partner_system_id FROM acms_outbox", rs -> rs.getString(1));
    }

    private static OutboxEntry row(ResultSet rs) throws SQLException {
        String wireName = rs.getString("message_type");
        MessageType type = MessageType.ofWireName(wireName)
                .orElseThrow(() -> new SQLException("unknown message type in the outbox: " + wireName));
        return new OutboxEntry(rs.getLong("outbox_id"), rs.getString("partner_system_id"), rs.getString("request_id"),
                type, rs.getString("body"), rs.getInt("attempts"));
    }
}
