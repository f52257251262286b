package org.mcx.backend.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.mcx.backend.store.PostgresConfig;

/**
 * One real PostgreSQL (zonky's embedded binaries, from Maven Central) per test JVM, started on
 * first use and stopped when the JVM exits; every caller gets a fresh, empty database of its own
 * on it ({@code CREATE DATABASE t_<n>}), which costs milliseconds where a server costs seconds.
 */
public final class TestPostgres {
    private static final AtomicInteger databases = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** A new, empty database, as the backend's settings would name it. */
    public static PostgresConfig newDatabase() {
        String name = "t_" + databases.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name, e);
        }
        return new PostgresConfig("jdbc:postgresql://localhost:" + server().getPort() + "/" + name, "postgres", null);
    }

    /** The server, started once. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // Tests start and stop many backends; each holds a writer and a reader or two.
                server = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }
}
