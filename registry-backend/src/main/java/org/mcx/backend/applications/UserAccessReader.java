package org.mcx.backend.applications;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.mcx.backend.store.Sql;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.model.UserAccess;

/**
 * Reads an MC service user's external access (5.2.8: "the MC service users' authorization as per
 * their respective user profile") for the authorization policy. Read-only, from the identity
 * package's users table, whose list columns are comma-separated names; the identity module has
 * no lookup this module is wired to (see the report).
 */
final class UserAccessReader {
    private UserAccessReader() {
    }

    static Optional<UserAccess> find(Connection c, String mcServiceId) throws SQLException {
        return Sql.queryOne(c, "SELECT external_access_allowed, allowed_services, tokens_revoked_before FROM users"
                + " WHERE mc_service_id = ?", rs -> new UserAccess(mcServiceId, rs.getBoolean(1),
                services(rs.getString(2)), Sql.instant(rs, "tokens_revoked_before")), mcServiceId);
    }

    private static List<ServiceType> services(String csv) {
        return csv == null || csv.isEmpty() ? List.of()
                : Arrays.stream(csv.split(",")).map(ServiceType::valueOf).toList();
    }
}
