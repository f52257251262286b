package org.mcx.backend.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mcx.backend.store.PostgresConfig;

/**
 * Reads, straight from a system's database, what its nodes wrote and no console message shows:
 * who holds a partner's link, what waits in its outbox, and how often each exchange's events were
 * published.
 */
final class SharedTables {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedTables() {
    }

    /** A partner's {@code partner_link_owner} row (V9). */
    record LinkRow(String ownerInstance, long fence, boolean connected) {
    }

    /** The row of {@code partner}, or null while no node has claimed it. */
    static LinkRow link(PostgresConfig db, String partner) throws SQLException {
        try (Connection c = open(db); PreparedStatement s = c.prepareStatement(
                "SELECT owner_instance, fence, connected FROM partner_link_owner WHERE partner_system_id = ?")) {
            s.setString(1, partner);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new LinkRow(rs.getString(1), rs.getLong(2), rs.getBoolean(3)) : null;
            }
        }
    }

    /** The requests whose messages wait in the outbox for {@code partner}, oldest (the one sent next) first. */
    static List<String> outbox(PostgresConfig db, String partner) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = open(db); PreparedStatement s = c.prepareStatement(
                "SELECT request_id FROM acms_outbox WHERE partner_system_id = ? ORDER BY outbox_id")) {
            s.setString(1, partner);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Per request id, how many times each {@code serverIdentity.*} event is in the event log. */
    static Map<String, Map<String, Integer>> exchangeEvents(PostgresConfig db) throws Exception {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        try (Connection c = open(db); PreparedStatement s = c.prepareStatement(
                "SELECT topic, data FROM events WHERE topic LIKE 'serverIdentity.%' ORDER BY seq");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String requestId = JSON.readTree(rs.getString(2)).path("requestId").asText();
                out.computeIfAbsent(requestId, id -> new TreeMap<>()).merge(rs.getString(1), 1, Integer::sum);
            }
        }
        return out;
    }

    private static Connection open(PostgresConfig db) throws SQLException {
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }
}
