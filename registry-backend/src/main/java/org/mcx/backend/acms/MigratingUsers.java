package org.mcx.backend.acms;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mcx.backend.store.Sql;

/**
 * Step 2's check on the users a request names: each must be a user of this system allowed to
 * migrate ({@code mayMigrate}). Read straight from the users table, in the request's transaction,
 * so a user changed at the same moment cannot slip through.
 */
final class MigratingUsers {
    private MigratingUsers() {
    }

    /** The users that may not be asked for, each with why; empty if all may. */
    static List<String> refused(Connection c, List<String> users) throws SQLException {
        List<String> refused = new ArrayList<>();
        for (String user : users) {
            Optional<Boolean> mayMigrate = Sql.queryOne(c, "SELECT may_migrate FROM users WHERE mc_service_id = ?",
                    rs -> rs.getBoolean(1), user);
            if (mayMigrate.isEmpty()) {
                refused.add(user + " (not a user of this system)");
            } else if (!mayMigrate.get()) {
                refused.add(user + " (may not migrate)");
            }
        }
        return refused;
    }
}
