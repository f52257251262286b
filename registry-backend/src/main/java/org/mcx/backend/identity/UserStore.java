package org.mcx.backend.identity;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.mcx.backend.store.Sql;
import org.mcx.protocol.Role;
import org.mcx.protocol.model.Priority;
import org.mcx.protocol.model.ServiceType;

/** SQL for the users table; lists of names are stored comma-separated. */
final class UserStore {
    private UserStore() {
    }

    static Optional<StoredUser> find(Connection c, String mcServiceId) throws SQLException {
        return Sql.queryOne(c, "SELECT * FROM users WHERE mc_service_id = ?", UserStore::row, mcServiceId);
    }

    static List<StoredUser> all(Connection c) throws SQLException {
        return Sql.query(c, "SELECT * FROM users ORDER BY mc_service_id", UserStore::row);
    }

    static long count(Connection c) throws SQLException {
        return Sql.queryLong(c, "SELECT COUNT(*) FROM users");
    }

    static long countAdmins(Connection c) throws SQLException {
        return all(c).stream().filter(u -> u.roles().contains(Role.ADMIN)).count();
    }

    static void insert(Connection c, StoredUser u, Instant now) throws SQLException {
        Sql.update(c, "INSERT INTO users (mc_service_id, display_name, roles, external_access_allowed, allowed_services,"
                        + " may_migrate, password_hash, tokens_revoked_before, max_priority, security_level, home_system_id,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                u.mcServiceId(), u.displayName(), join(u.roles()), u.externalAccessAllowed(),
                join(u.allowedServices()), u.mayMigrate(), u.passwordHash(), u.tokensRevokedBefore(),
                u.maxPriority().wireName(), u.securityLevel(), u.homeSystemId(), now, now);
    }

    static void update(Connection c, StoredUser u, Instant now) throws SQLException {
        Sql.update(c, "UPDATE users SET display_name = ?, roles = ?, external_access_allowed = ?, allowed_services = ?,"
                        + " may_migrate = ?, password_hash = ?, tokens_revoked_before = ?, max_priority = ?,"
                        + " security_level = ?, home_system_id = ?, updated_at = ? WHERE mc_service_id = ?",
                u.displayName(), join(u.roles()), u.externalAccessAllowed(), join(u.allowedServices()),
                u.mayMigrate(), u.passwordHash(), u.tokensRevokedBefore(), u.maxPriority().wireName(),
                u.securityLevel(), u.homeSystemId(), now, u.mcServiceId());
    }

    private static StoredUser row(ResultSet rs) throws SQLException {
        return new StoredUser(rs.getString("mc_service_id"), rs.getString("display_name"),
                roles(rs.getString("roles")), rs.getBoolean("external_access_allowed"),
                services(rs.getString("allowed_services")), rs.getBoolean("may_migrate"),
                rs.getString("password_hash"), Sql.instant(rs, "tokens_revoked_before"),
                Priority.parse(rs.getString("max_priority")).orElse(Priority.NORMAL), rs.getString("security_level"),
                rs.getString("home_system_id"));
    }

    private static String join(Iterable<? extends Enum<?>> values) {
        StringBuilder sb = new StringBuilder();
        for (Enum<?> v : values) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(v.name());
        }
        return sb.toString();
    }

    private static Set<Role> roles(String csv) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        split(csv).forEach(s -> roles.add(Role.valueOf(s)));
        return roles;
    }

    private static List<ServiceType> services(String csv) {
        return split(csv).stream().map(ServiceType::valueOf).collect(Collectors.toList());
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
    }
}
