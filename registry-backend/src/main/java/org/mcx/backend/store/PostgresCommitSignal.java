package org.mcx.backend.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code LISTEN} on a connection of its own, which does nothing else. */
final class PostgresCommitSignal implements CommitSignal {
    private static final Logger log = LoggerFactory.getLogger(PostgresCommitSignal.class);
    private final Connection connection;
    private final PGConnection pg;

    private PostgresCommitSignal(Connection connection) throws SQLException {
        this.connection = connection;
        this.pg = connection.unwrap(PGConnection.class);
    }

    static PostgresCommitSignal listen(DataSource dataSource, String channel) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + channel);
            }
            return new PostgresCommitSignal(c);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public boolean await(long millis) throws SQLException {
        PGNotification[] got = pg.getNotifications((int) Math.max(1, millis));
        return got != null && got.length > 0;
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
