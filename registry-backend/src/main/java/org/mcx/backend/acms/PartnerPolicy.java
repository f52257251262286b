package org.mcx.backend.acms;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.mcx.backend.store.Sql;
import org.mcx.protocol.message.Acms.ServerType;

/**
 * This system's local policy towards one partner (from {@code partners.save}): whether its requests
 * are answered without a person, how many users one request may carry, and which of our server
 * types it may be told.
 */
public record PartnerPolicy(String systemId, boolean autoApprove, int maxUsers, Set<ServerType> disclose) {

    public static Optional<PartnerPolicy> load(Connection c, String systemId) throws SQLException {
        return Sql.queryOne(c, "SELECT system_id, auto_approve, max_users, disclose FROM partners WHERE system_id = ?",
                rs -> new PartnerPolicy(rs.getString(1), rs.getBoolean(2), rs.getInt(3), parse(rs.getString(4))),
                systemId);
    }

    /** Comma-separated server types; NULL means all of them. */
    public static Set<ServerType> parse(String stored) {
        if (stored == null) {
            return EnumSet.allOf(ServerType.class);
        }
        Set<ServerType> out = EnumSet.noneOf(ServerType.class);
        Arrays.stream(stored.split(",")).filter(s -> !s.isBlank()).map(ServerType::valueOf).forEach(out::add);
        return out;
    }
}
