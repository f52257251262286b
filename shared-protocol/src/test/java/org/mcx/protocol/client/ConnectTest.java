package org.mcx.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mcx.protocol.client.TestClients.awaitState;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.wire.MessageType;

class ConnectTest {
    private ScriptedServer server;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void connectsAndLogsInFirst() throws Exception {
        Recorder<LinkStatus> states = new Recorder<>();
        try (ProtocolClient client = TestClients.console(server).onState(states).build()) {
            client.connect().get(10, TimeUnit.SECONDS);

            ScriptedServer.Received login = server.next("auth.login");
            assertThat(server.allRequests().get(0)).isEqualTo(login);
            assertThat(login.envelope().id()).isEqualTo("c-1");
            assertThat(login.envelope().body().path("username").asText()).isEqualTo("admin");
            assertThat(client.isConnected()).isTrue();
            assertThat(client.state()).isEqualTo(LinkState.CONNECTED);
            assertThat(client.session()).map(Auth.Session::sessionToken).contains(ScriptedServer.TOKEN);
            assertThat(states.next().state()).isEqualTo(LinkState.CONNECTING);
            assertThat(states.next().state()).isEqualTo(LinkState.AUTHENTICATING);
            assertThat(states.next().state()).isEqualTo(LinkState.CONNECTED);
            assertThat(states.threads()).allMatch(name -> name.equals("mcx-client-acmc"));
        }
    }

    @Test
    void applicationAuthenticatesOnCsc14() throws Exception {
        try (ProtocolClient client = TestClients.application(server).build()) {
            client.connect().get(10, TimeUnit.SECONDS);

            ScriptedServer.Received auth = server.next("auth.application");
            assertThat(auth.connection().endpoint()).isEqualTo(Endpoint.CSC14);
            assertThat(auth.envelope().body().path("applicationId").asText()).isEqualTo("app-1");
            assertThat(client.authentication()).containsInstanceOf(Auth.ApplicationSession.class);
            assertThat(client.session()).isEmpty();
        }
    }

    @Test
    void refusedCredentialsFailConnectAndDoNotRetry() throws Exception {
        server.on(MessageType.AUTH_LOGIN, ScriptedServer.fail(ErrorCode.UNAUTHENTICATED, "wrong user name or password", null));
        Recorder<LinkStatus> states = new Recorder<>();
        try (ProtocolClient client = TestClients.console(server).onState(states).build()) {
            assertThatThrownBy(() -> client.connect().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(RemoteException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
                        assertThat(e.getMessage()).isEqualTo("wrong user name or password");
                    });

            assertThat(awaitState(states, LinkState.AUTH_FAILED).reason()).contains("UNAUTHENTICATED");
            assertThat(client.state()).isEqualTo(LinkState.AUTH_FAILED);
            server.nextConnection();
            // With 10 ms backoff a retry loop would show up well within this wait.
            assertThat(server.pollConnection(Duration.ofMillis(500))).isNull();
            assertThat(states.all()).extracting(LinkStatus::state).doesNotContain(LinkState.RECONNECTING);
        }
    }

    @Test
    void unreachableServerFailsConnect() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProtocolClient client = ProtocolClient.builder(URI.create("ws://127.0.0.1:" + port), Endpoint.ACMC)
                .authenticator(Authenticator.login("admin", "pw")).reconnect(TestClients.FAST).build();
        try (client) {
            assertThatThrownBy(() -> client.connect().get(10, TimeUnit.SECONDS))
                    .cause().isInstanceOf(ConnectionLostException.class).hasMessageContaining("could not connect");
            assertThat(client.state()).isEqualTo(LinkState.CLOSED);
        }
    }

    @Test
    void retryFirstConnectWaitsForTheServer() throws Exception {
        int port = server.port();
        server.stop();
        Recorder<LinkStatus> states = new Recorder<>();
        ProtocolClient client = ProtocolClient.builder(URI.create("ws://127.0.0.1:" + port), Endpoint.CSC15)
                .authenticator(Authenticator.node("sas-1", "node-secret")).reconnect(TestClients.FAST)
                .retryFirstConnect(true).onState(states).build();
        try (client) {
            var connected = client.connect();
            awaitState(states, LinkState.RECONNECTING);
            server = ScriptedServer.start(port, s -> { });
            connected.get(10, TimeUnit.SECONDS);
            assertThat(server.next("auth.node").envelope().body().path("nodeId").asText()).isEqualTo("sas-1");
        }
    }

    @Test
    void closeStopsTheClientForGood() throws Exception {
        ProtocolClient client = TestClients.console(server).build();
        client.connect().get(10, TimeUnit.SECONDS);
        ScriptedConnection connection = server.nextConnection();

        client.close();

        assertThat(connection.closed().get(10, TimeUnit.SECONDS).code()).isEqualTo(1000);
        assertThat(client.state()).isEqualTo(LinkState.CLOSED);
        assertThatThrownBy(() -> client.connect().get(10, TimeUnit.SECONDS)).cause().isInstanceOf(ConnectionLostException.class);
        assertThat(server.pollConnection(Duration.ofMillis(300))).isNull();
    }

    @Test
    void builderRefusesAuthenticationOfAnotherEndpoint() {
        assertThatThrownBy(() -> ProtocolClient.builder(server.uri(), Endpoint.CSC14)
                .authenticator(Authenticator.login("admin", "pw")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("auth.login");
        assertThatThrownBy(() -> ProtocolClient.builder(URI.create("http://127.0.0.1:1"), Endpoint.CSC14)
                .authenticator(Authenticator.application("a", "s")).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void endpointPathIsAppendedToTheServerAddress() {
        assertThat(ClientBuilder.endpointUri(URI.create("wss://h.example:8443/"), Endpoint.CSC14))
                .isEqualTo(URI.create("wss://h.example:8443/csc14"));
        assertThat(ClientBuilder.endpointUri(URI.create("ws://127.0.0.1:80/mcx"), Endpoint.ACMS))
                .isEqualTo(URI.create("ws://127.0.0.1:80/mcx/acms"));
    }
}
