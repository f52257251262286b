package org.mcx.protocol.client;

import java.time.Duration;
import org.mcx.protocol.Endpoint;

/** Clients set up for tests: fast reconnects, so tests wait on events instead of backoff. */
public final class TestClients {
    public static final ReconnectPolicy FAST = ReconnectPolicy.exponential(Duration.ofMillis(10), Duration.ofMillis(100));

    private TestClients() {
    }

    public static ClientBuilder console(ScriptedServer server) {
        return ProtocolClient.builder(server.uri(), Endpoint.ACMC)
                .authenticator(Authenticator.login("admin", "secret-password"))
                .reconnect(FAST);
    }

    public static ClientBuilder application(ScriptedServer server) {
        return ProtocolClient.builder(server.uri(), Endpoint.CSC14)
                .authenticator(Authenticator.application("app-1", "app-secret"))
                .reconnect(FAST);
    }

    public static LinkStatus awaitState(Recorder<LinkStatus> states, LinkState state) throws InterruptedException {
        return states.await(s -> s.state() == state);
    }
}
