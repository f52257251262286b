package org.mcx.backend.acms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mcx.backend.store.Sql;
import org.mcx.backend.store.StoreException;
import org.mcx.protocol.message.Acms.ServerIdentity;
import org.mcx.protocol.message.Acms.ServerType;
import org.mcx.protocol.message.Acms.UserServers;
import org.mcx.protocol.message.Exchange;

/**
 * This system's server identities (MCPTT, MCVIDEO, MCDATA, GMS, CMS, IDMS, KMS URIs): a default set,
 * overrides per group of users and overrides per MC service user, each replacing what comes before
 * it for the same server type. A partner's request is answered from them.
 */
final class ServerIdentityDirectory {
    static final String DEFAULT_SCOPE = "*";

    private final ObjectMapper json;

    ServerIdentityDirectory(ObjectMapper json) {
        this.json = json;
    }

    Exchange.ServerIdentities get(Connection c) throws SQLException {
        Map<String, List<ServerIdentity>> byScope = new LinkedHashMap<>();
        for (Object[] row : Sql.query(c, "SELECT scope, server_type, identity FROM acms_server_identities"
                + " ORDER BY scope, server_type", rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
            byScope.computeIfAbsent((String) row[0], k -> new ArrayList<>())
                    .add(new ServerIdentity(ServerType.valueOf((String) row[1]), (String) row[2]));
        }
        List<ServerIdentity> defaults = byScope.getOrDefault(DEFAULT_SCOPE, List.of());
        List<Exchange.Overrides> overrides = new ArrayList<>();
        byScope.forEach((scope, servers) -> {
            if (!scope.equals(DEFAULT_SCOPE)) {
                overrides.add(new Exchange.Overrides(scope, servers));
            }
        });
        return new Exchange.ServerIdentities(defaults, overrides, groups(c));
    }

    private List<Exchange.GroupOverrides> groups(Connection c) throws SQLException {
        return Sql.query(c, "SELECT document FROM acms_identity_groups ORDER BY position", rs -> {
            try {
                return json.readValue(rs.getString(1), Exchange.GroupOverrides.class);
            } catch (JsonProcessingException e) {
                throw new StoreException("a stored server identity group is not readable", e);
            }
        });
    }

    /** Replaces the whole configuration. */
    void save(Connection c, Exchange.ServerIdentities in) throws SQLException {
        Sql.update(c, "DELETE FROM acms_server_identities");
        insert(c, DEFAULT_SCOPE, in.defaults());
        for (Exchange.Overrides o : in.overrides()) {
            insert(c, o.mcServiceId(), o.servers());
        }
        Sql.update(c, "DELETE FROM acms_identity_groups");
        int position = 0;
        for (Exchange.GroupOverrides g : in.groupOverrides()) {
            try {
                Sql.update(c, "INSERT INTO acms_identity_groups (group_id, position, document) VALUES (?, ?, ?)",
                        g.group(), position++, json.writeValueAsString(g));
            } catch (JsonProcessingException e) {
                throw new StoreException("cannot store server identity group " + g.group(), e);
            }
        }
    }

    private static void insert(Connection c, String scope, List<ServerIdentity> servers) throws SQLException {
        for (ServerIdentity s : servers) {
            Sql.update(c, "INSERT INTO acms_server_identities (scope, server_type, identity) VALUES (?, ?, ?)",
                    scope, s.serverType(), s.identity());
        }
    }

    /**
     * Each user's identities (the user's override, else the first group's naming the user, else the
     * default, type by type), limited to the server types the partner may be told.
     */
    List<UserServers> resolve(Connection c, List<String> users, Set<ServerType> disclose) throws SQLException {
        Map<ServerType, String> defaults = scope(c, DEFAULT_SCOPE);
        List<Exchange.GroupOverrides> groups = groups(c);
        List<UserServers> out = new ArrayList<>(users.size());
        for (String user : users) {
            Map<ServerType, String> merged = new EnumMap<>(ServerType.class);
            merged.putAll(defaults);
            groups.stream().filter(g -> g.members().contains(user)).findFirst()
                    .ifPresent(g -> g.servers().forEach(s -> merged.put(s.serverType(), s.identity())));
            merged.putAll(scope(c, user));
            List<ServerIdentity> servers = new ArrayList<>();
            merged.forEach((type, identity) -> {
                if (disclose.contains(type)) {
                    servers.add(new ServerIdentity(type, identity));
                }
            });
            out.add(new UserServers(user, servers));
        }
        return out;
    }

    private static Map<ServerType, String> scope(Connection c, String scope) throws SQLException {
        Map<ServerType, String> out = new EnumMap<>(ServerType.class);
        for (String[] row : Sql.query(c, "SELECT server_type, identity FROM acms_server_identities WHERE scope = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, scope)) {
            out.put(ServerType.valueOf(row[0]), row[1]);
        }
        return out;
    }
}
