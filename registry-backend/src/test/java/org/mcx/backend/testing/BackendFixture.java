package org.mcx.backend.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.mcx.backend.Backend;
import org.mcx.backend.BackendConfig;

/**
 * A real backend for tests: a real H2 file in a temporary directory (or, run with
 * {@code -Dmcx.test.store=postgres}, a real PostgreSQL database of its own: {@link TestStores})
 * and a real WebSocket listener on an ephemeral loopback port. Restart keeps the directory (and
 * database) and, when it can, the port.
 */
public final class BackendFixture implements AutoCloseable {
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-password";

    private final Path dataDir;
    private final String systemId;
    private final UnaryOperator<BackendConfig> tweak;
    private Backend backend;
    private int port;

    private BackendFixture(Path dataDir, String systemId, UnaryOperator<BackendConfig> tweak) {
        this.dataDir = dataDir;
        this.systemId = systemId;
        this.tweak = tweak;
    }

    public static BackendFixture start(Path dataDir) throws Exception {
        return start(dataDir, "primary", UnaryOperator.identity());
    }

    public static BackendFixture start(Path dataDir, String systemId, UnaryOperator<BackendConfig> tweak) throws Exception {
        BackendFixture f = new BackendFixture(dataDir, systemId, tweak);
        f.backend = Backend.start(f.config(0));
        f.port = f.backend.port();
        return f;
    }

    private BackendConfig config(int wantedPort) {
        BackendConfig base = BackendConfig.forTests(dataDir, systemId);
        base = base.withStore(TestStores.store(dataDir, base.store().durability()));
        return tweak.apply(base).withPort(wantedPort);
    }

    public Backend backend() {
        return backend;
    }

    /** The listener's base, e.g. ws://127.0.0.1:41234 (clients add the path). */
    public URI base() {
        return URI.create(backend.url());
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops cleanly and starts again on the same data directory and port. */
    public void restart() throws Exception {
        backend.close();
        backend = Backend.start(config(port));
    }

    public void stop() {
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }

    public void startAgain() throws Exception {
        backend = Backend.start(config(port));
    }

    @Override
    public void close() {
        stop();
    }
}
