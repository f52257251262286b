package org.mcx.backend.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code LISTEN} on a connection of its own, which does nothing else. Notifications whose payload
 * is this node's own name are passed over: they announce what this node's writer publishes itself.
 */
final class PostgresCommitSignal implements CommitSignal {
    private static final Logger log = LoggerFactory.getLogger(PostgresCommitSignal.class);
    private final Connection connection;
    private final PGConnection pg;
    private final String ownPayload;

    private PostgresCommitSignal(Connection connection, String ownPayload) throws SQLException {
        this.connection = connection;
        this.pg = connection.unwrap(PGConnection.class);
        this.ownPayload = ownPayload;
    }

    static PostgresCommitSignal listen(DataSource dataSource, String channel, String ownPayload) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + channel);
            }
            return new PostgresCommitSignal(c, ownPayload);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public boolean await(long millis) throws SQLException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            long left = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            PGNotification[] got = pg.getNotifications((int) left);
            if (got != null) {
                for (PGNotification n : got) {
                    if (!ownPayload.equals(n.getParameter())) {
                        return true;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing the LISTEN connection: {}", e.toString());
        }
    }
}
