package org.mcx.backend.acms.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mcx.backend.events.EventLog;
import org.mcx.backend.store.Sql;
import org.mcx.backend.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code partner_link_owner} rows (V9): claims, renewals, the links' state and the release at
 * shutdown. Leases are measured by the database's clock ({@code CURRENT_TIMESTAMP}, in epoch
 * milliseconds), so every node judges them by one clock whatever its host's clock says. That value
 * is the start of the writer's transaction, slightly in the past: a lease written with it ends no
 * later than meant, and a lease judged with it is found over no sooner than it is, both the safe way.
 */
final class OwnerTable {
    private static final Logger log = LoggerFactory.getLogger(OwnerTable.class);
    /** Foreign key violations: PostgreSQL's and H2's SQLStates. */
    private static final List<String> PARENT_MISSING = List.of("23503", "23506");

    private final EventLog events;

    OwnerTable(EventLog events) {
        this.events = events;
    }

    private record Row(String partner, String owner, long fence, long until, boolean connected) {
    }

    /**
     * What a round found: the partners this node holds now (partner → fence), and in how many
     * milliseconds the first lease of another node runs out (Long.MAX_VALUE if none will), so that
     * the node can look again right then rather than at its next tick.
     */
    record Round(Map<String, Long> holds, long nextExpiryMillis) {
    }

    /**
     * One round of node {@code me}, writer thread: renews the leases it holds ({@code held}:
     * partner → fence) and claims every partner whose row is missing or whose lease ran out (any row
     * not held, when {@code exclusive}).
     */
    Round round(Tx tx, String me, Map<String, Long> held, Duration lease, boolean exclusive) throws SQLException {
        Connection c = tx.connection();
        long now = now(c);
        long until = now + lease.toMillis();
        long nextExpiry = Long.MAX_VALUE;
        Map<String, Long> holds = new TreeMap<>();
        // One pass in partner order: two nodes' rounds lock rows in the same order, so they cannot deadlock.
        for (Row row : rows(c)) {
            Long mine = held.get(row.partner());
            if (mine != null && me.equals(row.owner()) && mine == row.fence()) {
                if (Sql.update(c, "UPDATE partner_link_owner SET lease_until = ? WHERE partner_system_id = ?"
                        + " AND owner_instance = ? AND fence = ?", until, row.partner(), me, mine) == 1) {
                    holds.put(row.partner(), mine);
                }
            } else if (row.owner() == null) {
                if (insert(c, row.partner(), me, until)) {
                    holds.put(row.partner(), 1L);
                }
            } else if (exclusive || row.until() < now || me.equals(row.owner())) {
                if (takeOver(tx, row, me, now, until, exclusive)) {
                    holds.put(row.partner(), row.fence() + 1);
                }
            } else {
                nextExpiry = Math.min(nextExpiry, row.until() - now);
            }
        }
        return new Round(holds, nextExpiry);
    }

    /** Every partner with its row, if it has one, in partner order. */
    private static List<Row> rows(Connection c) throws SQLException {
        return Sql.query(c, "SELECT p.system_id, o.owner_instance, o.fence, o.lease_until, o.connected FROM partners p"
                + " LEFT JOIN partner_link_owner o ON o.partner_system_id = p.system_id ORDER BY p.system_id",
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getBoolean(5)));
    }

    /** A first claim. Another node inserting at once is absorbed by ON CONFLICT; a partner deleted meanwhile by the savepoint. */
    private static boolean insert(Connection c, String partner, String me, long until) throws SQLException {
        Savepoint before = c.setSavepoint();
        try {
            int inserted = Sql.update(c, "INSERT INTO partner_link_owner (partner_system_id, owner_instance, fence,"
                    + " lease_until, connected) VALUES (?, ?, 1, ?, FALSE) ON CONFLICT DO NOTHING", partner, me, until);
            c.releaseSavepoint(before);
            return inserted == 1;
        } catch (SQLException e) {
            c.rollback(before);
            if (!PARENT_MISSING.contains(e.getSQLState())) {
                throw e;
            }
            log.debug("partner {} was deleted while this node claimed it", partner);
            return false;
        }
    }

    /**
     * Takes a partner from a node whose lease ran out (or from this node's own earlier claim), with
     * the next fence. The fence read is compared again under the row's lock, and so is the lease:
     * the owner may have renewed since the row was read.
     */
    private boolean takeOver(Tx tx, Row row, String me, long now, long until, boolean exclusive) throws SQLException {
        String set = "UPDATE partner_link_owner SET owner_instance = ?, fence = fence + 1, lease_until = ?,"
                + " connected = FALSE WHERE partner_system_id = ? AND fence = ?";
        int taken = exclusive
                ? Sql.update(tx.connection(), set, me, until, row.partner(), row.fence())
                : Sql.update(tx.connection(), set + " AND (lease_until < ? OR owner_instance = ?)", me, until,
                        row.partner(), row.fence(), now, me);
        if (taken == 0) {
            return false;
        }
        log.info("took over the link to partner {} from {} (fence {})", row.partner(), row.owner(), row.fence() + 1);
        if (row.connected()) {
            // The previous owner's link went with it; this node's link reports itself when it is up.
            events.append(tx, "partner.disconnected", events.data().put("partnerSystemId", row.partner()));
        }
        return true;
    }

    /** Records the owner's link state; true when it changed. Nothing changes once {@code lease} is lost. */
    static boolean setConnected(Connection c, Lease lease, boolean connected) throws SQLException {
        return Sql.update(c, "UPDATE partner_link_owner SET connected = ? WHERE partner_system_id = ?"
                + " AND owner_instance = ? AND fence = ? AND connected <> ?", connected, lease.partnerSystemId(),
                lease.owner(), lease.fence(), connected) == 1;
    }

    /**
     * Whether {@code lease} still holds (the row names its owner and fence; its time may have run
     * out, which is harmless as long as nobody has claimed it), locking the row until the
     * transaction ends so that no claim can change it meanwhile.
     */
    static boolean lockIfHeld(Connection c, Lease lease) throws SQLException {
        return Sql.queryOne(c, "SELECT fence FROM partner_link_owner WHERE partner_system_id = ?"
                + " AND owner_instance = ? AND fence = ? FOR UPDATE", rs -> rs.getLong(1), lease.partnerSystemId(),
                lease.owner(), lease.fence()).isPresent();
    }

    /** Whether the owner's link to the partner is up, as every node sees it. */
    static boolean connected(Connection c, String partnerSystemId) throws SQLException {
        return Sql.queryOne(c, "SELECT connected FROM partner_link_owner WHERE partner_system_id = ?",
                rs -> rs.getBoolean(1), partnerSystemId).orElse(false);
    }

    /** In the transaction that deletes the partner: its row goes too, and a link that was up is reported down. */
    void forget(Tx tx, String partnerSystemId) throws SQLException {
        boolean wasConnected = connected(tx.connection(), partnerSystemId);
        Sql.update(tx.connection(), "DELETE FROM partner_link_owner WHERE partner_system_id = ?", partnerSystemId);
        if (wasConnected) {
            events.append(tx, "partner.disconnected", events.data().put("partnerSystemId", partnerSystemId));
        }
    }

    /** At a clean shutdown: ends this node's leases now, so that another node takes its partners at its next round. */
    static int release(Connection c, String me) throws SQLException {
        return Sql.update(c, "UPDATE partner_link_owner SET lease_until = 0 WHERE owner_instance = ?", me);
    }

    /** The database's time, in epoch milliseconds (the start of the current transaction). */
    static long now(Connection c) throws SQLException {
        return Sql.queryOne(c, "SELECT CURRENT_TIMESTAMP", rs -> rs.getObject(1, OffsetDateTime.class)).orElseThrow()
                .toInstant().toEpochMilli();
    }
}
