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
    private final String systemId;
    private Backend backend;
    private int port;
    private ProtocolClient other;

    private TestBackend(Path dir, String systemId) {
        this.dir = dir;
        this.systemId = systemId;
    }

    public static TestBackend start(Path dir) throws Exception {
        return start(dir, "mcx-test");
    }

    /** A backend of the system {@code systemId}: two of them, partners of each other, exchange requests. */
    public static TestBackend start(Path dir, String systemId) throws Exception {
        TestBackend b = new TestBackend(dir, systemId);
        b.backend = Backend.start(BackendConfig.forTests(dir, systemId));
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
        backend = Backend.start(BackendConfig.forTests(dir, systemId).withPort(port));
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

    /** Names {@code other} as this system's partner (and the other way round), deciding by approver, not policy. */
    public void pairWith(TestBackend other) throws Exception {
        String secret = "pair-secret-0123456789";
        call(MessageType.PARTNERS_SAVE, new org.mcx.protocol.message.Console.SavePartner(other.systemId, "County " + other.systemId,
                other.base() + "/acms", secret, new org.mcx.protocol.message.Console.AutoApprove(false, 100), null, null));
        other.call(MessageType.PARTNERS_SAVE, new org.mcx.protocol.message.Console.SavePartner(systemId, "County " + systemId,
                base() + "/acms", secret, new org.mcx.protocol.message.Console.AutoApprove(false, 100), null, null));
    }

    /** A user for each role but ADMIN, named after it (operator, viewer, approver), with this password. */
    public void addRoleUsers(String password) throws Exception {
        for (org.mcx.protocol.Role r : java.util.List.of(org.mcx.protocol.Role.OPERATOR, org.mcx.protocol.Role.VIEWER,
                org.mcx.protocol.Role.APPROVER)) {
            call(MessageType.USERS_SAVE, new org.mcx.protocol.message.Console.SaveUser(r.name().toLowerCase(), r.name() + " user",
                    java.util.List.of(r), false, java.util.List.of(), false, password));
        }
    }

    public String systemId() {
        return systemId;
    }

    @Override
    public void close() {
        stop();
    }
}
