package org.mcx.desktop.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.mcx.backend.Backend;
import org.mcx.backend.BackendConfig;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.wire.MessageType;

/**
 * A real backend for the console's tests: a real H2 file in a temporary directory, a real
 * WebSocket listener on an ephemeral loopback port; restartable on the same port. Plus an
 * administrator's own protocol client, playing "someone else" at another console.
 */
public final class TestBackend implements AutoCloseable {
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-password";

    private final Path dir;
    private Backend backend;
    private int port;
    private ProtocolClient other;

    private TestBackend(Path dir) {
        this.dir = dir;
    }

    public static TestBackend start(Path dir) throws Exception {
        TestBackend b = new TestBackend(dir);
        b.backend = Backend.start(BackendConfig.forTests(dir, "mcx-test"));
        b.port = b.backend.port();
        return b;
    }

    public URI base() {
        return URI.create("ws://127.0.0.1:" + port);
    }

    public void stop() {
        if (other != null) {
            other.close();
            other = null;
        }
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }

    public void startAgain() throws Exception {
        backend = Backend.start(BackendConfig.forTests(dir, "mcx-test").withPort(port));
    }

    /** A request from another administrator's console. */
    @SuppressWarnings("unchecked")
    public <R extends Body> R call(MessageType type, Body body) throws Exception {
        if (other == null) {
            other = ProtocolClient.builder(base(), Endpoint.ACMC).authenticator(Authenticator.login(ADMIN, ADMIN_PASSWORD))
                    .name("other-admin").reconnect(ReconnectPolicy.disabled()).build();
            other.connect().get(10, TimeUnit.SECONDS);
        }
        return (R) other.request(type, body, type.responseBody()).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        stop();
    }
}
