package org.mcx.backend.acms;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.mcx.backend.identity.SecurityLevels;
import org.mcx.backend.partners.PartnerLevels;
import org.mcx.backend.store.Sql;
import org.mcx.protocol.message.Acms.ServerType;

/**
 * This system's local policy towards one partner (from {@code partners.save}): whether its requests
 * are answered without a person, how many users one request may carry, which of our server types it
 * may be told, and how its security levels map to ours ({@code securityLevels}: theirs to ours; null
 * when they are taken by name).
 */
public record PartnerPolicy(String systemId, boolean autoApprove, int maxUsers, Set<ServerType> disclose,
                            java.util.Map<String, String> securityLevels) {

    public static Optional<PartnerPolicy> load(Connection c, String systemId) throws SQLException {
        return Sql.queryOne(c, "SELECT system_id, auto_approve, max_users, disclose, security_levels FROM partners"
                        + " WHERE system_id = ?",
                rs -> new PartnerPolicy(rs.getString(1), rs.getBoolean(2), rs.getInt(3), parse(rs.getString(4)),
                        PartnerLevels.parse(rs.getString(5))), systemId);
    }

    /** Our level for the partner's {@code level}, by its map or else by name; empty if none here. */
    public Optional<String> ourLevel(String level, SecurityLevels ours) {
        if (securityLevels != null && securityLevels.containsKey(level)) {
            String mapped = securityLevels.get(level);
            return ours.contains(mapped) ? Optional.of(mapped) : Optional.empty();
        }
        return ours.fromPartner(level);
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
