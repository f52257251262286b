package org.mcx.backend.applications;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mcx.backend.store.Sql;

/** SQL for the applications table. */
final class ApplicationStore {
    private ApplicationStore() {
    }

    static Optional<StoredApplication> find(Connection c, String applicationId) throws SQLException {
        return Sql.queryOne(c, "SELECT * FROM applications WHERE application_id = ?", ApplicationStore::row,
                applicationId);
    }

    static List<StoredApplication> all(Connection c) throws SQLException {
        return Sql.query(c, "SELECT * FROM applications ORDER BY application_id", ApplicationStore::row);
    }

    static boolean exists(Connection c, String applicationId) throws SQLException {
        return Sql.queryLong(c, "SELECT COUNT(*) FROM applications WHERE application_id = ?", applicationId) > 0;
    }

    static void insert(Connection c, StoredApplication a) throws SQLException {
        Sql.update(c, "INSERT INTO applications (application_id, name, trusted_domain, secret_hash, created_at)"
                        + " VALUES (?, ?, ?, ?, ?)",
                a.applicationId(), a.name(), a.trustedDomain(), a.secretHash(), a.createdAt());
    }

    /**
     * Takes the application's next profile index. The increment comes first: it locks the row, so
     * two nodes taking an index for one application at once take two (read first, both would read
     * the same number and the second update would overwrite the first).
     */
    static int takeProfileIndex(Connection c, String applicationId) throws SQLException {
        Sql.update(c, "UPDATE applications SET next_profile_index = next_profile_index + 1 WHERE application_id = ?",
                applicationId);
        return (int) Sql.queryLong(c, "SELECT next_profile_index - 1 FROM applications WHERE application_id = ?",
                applicationId);
    }

    private static StoredApplication row(ResultSet rs) throws SQLException {
        Instant created = Sql.instant(rs, "created_at");
        return new StoredApplication(rs.getString("application_id"), rs.getString("name"),
                rs.getBoolean("trusted_domain"), rs.getString("secret_hash"), created);
    }
}
