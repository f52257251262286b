package org.mcx.backend.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mcx.backend.store.Sql;
import org.mcx.backend.store.StoreException;
import org.mcx.protocol.message.Registration.RegisterService;
import org.mcx.protocol.wire.Codec;

/** The SQL of {@code service_leases} (V10): one row per live lease, shared by every backend node. */
final class LeaseRows {
    /** Ids per {@code IN (...)} list: well within both databases' limits on parameters. */
    private static final int IDS_PER_QUERY = 500;
    private static final String COLUMNS = "lease_id, node_id, registration, registered_at, registration_order,"
            + " expires_at, renewed_by";

    /** A row: the grant, its deadline in the table and the backend process that wrote that deadline. */
    record Row(LeaseGrant grant, long expiresAt, String renewedBy) {
    }

    /** A deadline to write: the lease's, as epoch milliseconds. */
    record Deadline(String leaseId, long expiresAt) {
    }

    private final Codec codec;

    LeaseRows(Codec codec) {
        this.codec = codec;
    }

    void insert(Connection c, LeaseGrant grant, long expiresAt, String renewedBy) throws SQLException {
        Sql.update(c, "INSERT INTO service_leases (" + COLUMNS + ", service_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                grant.leaseId(), grant.nodeId(), json(grant.registration()), grant.registeredAt(), grant.order(),
                expiresAt, renewedBy, grant.serviceId());
    }

    /** The lease a node holds for a service id, locked until the transaction ends. */
    Optional<Row> lockHeldFor(Connection c, String nodeId, String serviceId) throws SQLException {
        return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM service_leases WHERE node_id = ? AND service_id = ? FOR UPDATE",
                this::row, nodeId, serviceId);
    }

    /** A lease, locked until the transaction ends. */
    Optional<Row> lock(Connection c, String leaseId) throws SQLException {
        return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM service_leases WHERE lease_id = ? FOR UPDATE",
                this::row, leaseId);
    }

    Optional<Row> find(Connection c, String leaseId) throws SQLException {
        return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM service_leases WHERE lease_id = ?", this::row, leaseId);
    }

    /** Whether this transaction deleted the row: the one that does is the one that publishes the lease's end. */
    boolean delete(Connection c, String leaseId) throws SQLException {
        return Sql.update(c, "DELETE FROM service_leases WHERE lease_id = ?", leaseId) == 1;
    }

    /**
     * Up to {@code limit} rows past their deadline, oldest first, locked for this transaction;
     * rows another sweeping node holds locked are skipped, not waited for. A row whose deadline
     * {@code me} wrote is due at that deadline; any other one only {@code graceMillis} later,
     * because the node that wrote it may hold a renewal it has not written yet.
     */
    List<Row> lockDue(Connection c, long now, long graceMillis, String me, int limit) throws SQLException {
        return Sql.query(c, "SELECT " + COLUMNS + " FROM service_leases"
                        + " WHERE expires_at <= ? AND (renewed_by = ? OR expires_at <= ?)"
                        + " ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED",
                this::row, now, me, now - graceMillis, limit);
    }

    /**
     * Moves deadlines forward, never back (another node may have written a later one), in one
     * batch; returns how many rows moved. A lease gone meanwhile is simply not there to update.
     */
    int writeDeadlines(Connection c, Collection<Deadline> deadlines, String me) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE service_leases SET expires_at = ?, renewed_by = ? WHERE lease_id = ? AND expires_at < ?")) {
            for (Deadline d : deadlines) {
                ps.setLong(1, d.expiresAt());
                ps.setString(2, me);
                ps.setString(3, d.leaseId());
                ps.setLong(4, d.expiresAt());
                ps.addBatch();
            }
            int moved = 0;
            for (int n : ps.executeBatch()) {
                moved += Math.max(n, 0);
            }
            return moved;
        }
    }

    /** The deadlines in the table of those of {@code leaseIds} that are still there. */
    Map<String, Long> deadlines(Connection c, List<String> leaseIds) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        for (int from = 0; from < leaseIds.size(); from += IDS_PER_QUERY) {
            List<String> chunk = leaseIds.subList(from, Math.min(from + IDS_PER_QUERY, leaseIds.size()));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            for (Map.Entry<String, Long> e : Sql.query(c,
                    "SELECT lease_id, expires_at FROM service_leases WHERE lease_id IN (" + marks + ")",
                    rs -> Map.entry(rs.getString(1), rs.getLong(2)), chunk.toArray())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    List<Row> all(Connection c) throws SQLException {
        return Sql.query(c, "SELECT " + COLUMNS + " FROM service_leases", this::row);
    }

    private Row row(ResultSet rs) throws SQLException {
        RegisterService registration;
        try {
            registration = codec.mapper().readValue(rs.getString("registration"), RegisterService.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new StoreException("service lease " + rs.getString("lease_id") + " holds no valid registration", e);
        }
        LeaseGrant grant = new LeaseGrant(rs.getString("lease_id"), rs.getString("node_id"), registration,
                Sql.instant(rs, "registered_at"), rs.getLong("registration_order"));
        return new Row(grant, rs.getLong("expires_at"), rs.getString("renewed_by"));
    }

    private String json(RegisterService registration) {
        try {
            return codec.mapper().writeValueAsString(registration);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a registration", e);
        }
    }
}
