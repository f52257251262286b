package org.mcx.backend.identity;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.mcx.backend.store.Sql;
import org.mcx.backend.store.Tx;

/**
 * Locks a user name after repeated failures within a window. It counts names, not users, so that
 * an unknown name and a wrong password behave alike, lock included.
 */
final class LoginGuard {
    private final IdentityConfig config;

    LoginGuard(IdentityConfig config) {
        this.config = config;
    }

    Optional<Instant> lockedUntil(Connection c, String username, Instant now) throws SQLException {
        return Sql.queryOne(c, "SELECT locked_until FROM lockouts WHERE username = ?",
                rs -> Sql.instant(rs, "locked_until"), username).filter(now::isBefore);
    }

    /**
     * Records a failure; returns the end of the lock if this failure locked the name. Nodes on one
     * database count one after another: two failures counted at once, each in a transaction that
     * cannot see the other's row, would both fall one short of the limit.
     */
    Optional<Instant> failed(Tx tx, String username, Instant now) throws SQLException {
        tx.excludeOtherNodes();
        Connection c = tx.connection();
        Instant windowStart = now.minus(config.failureWindow());
        Sql.update(c, "DELETE FROM login_failures WHERE username = ? AND failed_at < ?", username, windowStart);
        Sql.update(c, "INSERT INTO login_failures (username, failed_at) VALUES (?, ?)", username, now);
        long failures = Sql.queryLong(c, "SELECT COUNT(*) FROM login_failures WHERE username = ?", username);
        if (failures < config.maxFailures()) {
            return Optional.empty();
        }
        Instant until = now.plus(config.lockDuration());
        Sql.update(c, "DELETE FROM lockouts WHERE username = ?", username);
        Sql.update(c, "INSERT INTO lockouts (username, locked_until) VALUES (?, ?)", username, until);
        Sql.update(c, "DELETE FROM login_failures WHERE username = ?", username);
        return Optional.of(until);
    }

    void succeeded(Connection c, String username) throws SQLException {
        Sql.update(c, "DELETE FROM login_failures WHERE username = ?", username);
    }

    /** An administrator unlocks a user by saving it. */
    void unlock(Connection c, String username) throws SQLException {
        Sql.update(c, "DELETE FROM lockouts WHERE username = ?", username);
        succeeded(c, username);
    }
}
