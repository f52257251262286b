package org.mcx.backend.groups;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.mcx.backend.store.Sql;
import org.mcx.protocol.message.Console;

/**
 * This system's groups as other features see them (the ACMS answering partners, identity removing
 * users): SQL for {@code mc_groups} and {@code mc_group_members}; members in id order.
 */
public final class GroupDirectory {
    private GroupDirectory() {
    }

    public static List<Console.Group> all(Connection c) throws SQLException {
        return Sql.query(c, "SELECT * FROM mc_groups ORDER BY group_id", rs -> row(c, rs));
    }

    public static Optional<Console.Group> find(Connection c, String groupId) throws SQLException {
        return Sql.queryOne(c, "SELECT * FROM mc_groups WHERE group_id = ?", rs -> row(c, rs), groupId);
    }

    static void save(Connection c, Console.Group g) throws SQLException {
        String shared = String.join(",", g.sharedWith());
        if (Sql.update(c, "UPDATE mc_groups SET name = ?, shared_with = ?, disclose_levels = ?, updated_at = ?"
                + " WHERE group_id = ?", g.name(), shared, g.discloseLevels(), Instant.now(), g.groupId()) == 0) {
            Sql.update(c, "INSERT INTO mc_groups (group_id, name, shared_with, disclose_levels, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?)", g.groupId(), g.name(), shared, g.discloseLevels(), Instant.now());
        }
        Sql.update(c, "DELETE FROM mc_group_members WHERE group_id = ?", g.groupId());
        for (String member : g.members()) {
            addMember(c, g.groupId(), member);
        }
    }

    static boolean delete(Connection c, String groupId) throws SQLException {
        Sql.update(c, "DELETE FROM mc_group_members WHERE group_id = ?", groupId);
        return Sql.update(c, "DELETE FROM mc_groups WHERE group_id = ?", groupId) > 0;
    }

    /** True if {@code member} was not in the group before. */
    public static boolean addMember(Connection c, String groupId, String member) throws SQLException {
        return Sql.update(c, "INSERT INTO mc_group_members (group_id, mc_service_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                groupId, member) > 0;
    }

    /** True if {@code member} was in the group. */
    public static boolean removeMember(Connection c, String groupId, String member) throws SQLException {
        return Sql.update(c, "DELETE FROM mc_group_members WHERE group_id = ? AND mc_service_id = ?", groupId, member) > 0;
    }

    /** A user leaves every group (when the user is removed). */
    public static void forget(Connection c, String member) throws SQLException {
        Sql.update(c, "DELETE FROM mc_group_members WHERE mc_service_id = ?", member);
    }

    private static Console.Group row(Connection c, ResultSet rs) throws SQLException {
        String id = rs.getString("group_id");
        String shared = rs.getString("shared_with");
        List<String> members = Sql.query(c, "SELECT mc_service_id FROM mc_group_members WHERE group_id = ?"
                + " ORDER BY mc_service_id", r -> r.getString(1), id);
        return new Console.Group(id, rs.getString("name"), members,
                shared.isEmpty() ? List.of() : Arrays.asList(shared.split(",")), rs.getBoolean("disclose_levels"));
    }
}
