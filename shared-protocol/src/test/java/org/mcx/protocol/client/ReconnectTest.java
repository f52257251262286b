package org.mcx.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mcx.protocol.client.TestClients.awaitState;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.model.ServiceQuery;
import org.mcx.protocol.wire.MessageType;

class ReconnectTest {
    private final Recorder<LinkStatus> states = new Recorder<>();
    private final Recorder<Common.Event> events = new Recorder<>();
    private ScriptedServer server;
    private ProtocolClient client;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    /** Stops the server, waits until the client noticed, and starts a new one on the same port. */
    private ScriptedServer restart(Consumer<ScriptedServer> setup) throws Exception {
        int port = server.port();
        server.stop();
        awaitState(states, LinkState.RECONNECTING);
        server = ScriptedServer.start(port, setup);
        return server;
    }

    @Test
    void reconnectResumesTheSessionAndSubscribesAgainFromTheLastEvent() throws Exception {
        client = TestClients.console(server).onState(states).onEvent(events).build();
        client.connect().get(10, TimeUnit.SECONDS);
        client.subscribe(List.of("profile.", "service.")).get(10, TimeUnit.SECONDS);
        ScriptedConnection first = server.next("events.subscribe").connection();
        for (long seq = 1; seq <= 3; seq++) {
            first.sendEvent(seq, "profile.updated");
        }
        assertThat(events.await(e -> e.seq() == 3)).isNotNull();

        ScriptedServer restarted = restart(s -> s.on(MessageType.EVENTS_SUBSCRIBE, (c, r) -> {
            c.reply(r, new Console.Subscribed(5));
            // From sinceSeq itself: a repeat the client must drop.
            for (long seq = r.body().path("sinceSeq").asLong(); seq <= 5; seq++) {
                c.sendEvent(seq, "profile.updated");
            }
        }));
        awaitState(states, LinkState.CONNECTED);

        ScriptedServer.Received resume = restarted.next("auth.resume");
        assertThat(restarted.allRequests().get(0)).isEqualTo(resume);
        assertThat(resume.envelope().body().path("sessionToken").asText()).isEqualTo(ScriptedServer.TOKEN);
        var resubscribe = restarted.next("events.subscribe").envelope();
        assertThat(resubscribe.id()).isEqualTo("c-2");
        assertThat(resubscribe.body().path("sinceSeq").asLong()).isEqualTo(3);
        assertThat(resubscribe.body().path("topics").toString()).isEqualTo("[\"profile.\",\"service.\"]");
        assertThat(events.await(e -> e.seq() == 5)).isNotNull();
        assertThat(events.all()).extracting(Common.Event::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(restarted.allRequests()).extracting(r -> r.envelope().type()).doesNotContain("auth.login");
    }

    @Test
    void requestsInFlightFailWhenTheServerDies() throws Exception {
        client = TestClients.application(server).onState(states).build();
        client.connect().get(10, TimeUnit.SECONDS);
        CompletableFuture<Csc14.ServiceInformation> waiting = client.request(MessageType.GET_SERVICE_INFORMATION,
                new Csc14.GetServiceInformation("alice", ServiceQuery.all()), Csc14.ServiceInformation.class);
        server.next("getServiceInformation").connection().disconnect();

        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(ConnectionLostException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        awaitState(states, LinkState.RECONNECTING);
        // Reconnected to the same, still running server.
        awaitState(states, LinkState.CONNECTED);
        assertThat(server.next("auth.application")).isNotNull();
    }

    @Test
    void requestsWhileReconnectingFailFast() throws Exception {
        client = TestClients.application(server).onState(states).reconnect(
                ReconnectPolicy.exponential(Duration.ofSeconds(30), Duration.ofSeconds(30))).build();
        client.connect().get(10, TimeUnit.SECONDS);
        server.stop();
        awaitState(states, LinkState.RECONNECTING);

        assertThatThrownBy(() -> client.call(MessageType.GET_SERVICE_INFORMATION,
                new Csc14.GetServiceInformation("alice", ServiceQuery.all())))
                .isInstanceOf(ConnectionLostException.class).hasMessageContaining("RECONNECTING");
    }

    @Test
    void expiredSessionStopsTheClientUnlessReloginIsAllowed() throws Exception {
        client = TestClients.console(server).onState(states).build();
        client.connect().get(10, TimeUnit.SECONDS);

        ScriptedServer restarted = restart(s -> s.on(MessageType.AUTH_RESUME,
                ScriptedServer.fail(ErrorCode.UNAUTHENTICATED, "session expired", null)));

        LinkStatus failed = awaitState(states, LinkState.AUTH_FAILED);
        assertThat(failed.reason()).contains("session expired");
        restarted.nextConnection();
        assertThat(restarted.pollConnection(Duration.ofMillis(500))).isNull();
        assertThat(restarted.allRequests()).extracting(r -> r.envelope().type()).containsExactly("auth.resume");
    }

    @Test
    void expiredSessionIsReplacedByANewLoginWhenAllowed() throws Exception {
        client = TestClients.console(server).onState(states)
                .authenticator(Authenticator.login("admin", "secret-password").reloginOnExpiry(true)).build();
        client.connect().get(10, TimeUnit.SECONDS);

        ScriptedServer restarted = restart(s -> s.on(MessageType.AUTH_RESUME,
                ScriptedServer.fail(ErrorCode.UNAUTHENTICATED, "session expired", null)));
        awaitState(states, LinkState.CONNECTED);

        ScriptedServer.Received resume = restarted.next("auth.resume");
        ScriptedServer.Received login = restarted.next("auth.login");
        assertThat(login.connection()).isNotSameAs(resume.connection());
        assertThat(login.envelope().body().path("password").asText()).isEqualTo("secret-password");
    }

    @Test
    void floodingCloseIsReportedAndFollowedByAReconnect() throws Exception {
        client = TestClients.application(server).onState(states).build();
        client.connect().get(10, TimeUnit.SECONDS);

        server.nextConnection().close(4429, "too many messages");

        LinkStatus reconnecting = awaitState(states, LinkState.RECONNECTING);
        assertThat(reconnecting.closeCode()).isEqualTo(4429);
        assertThat(reconnecting.reason()).contains("4429");
        assertThat(reconnecting.retryIn()).isNotNull();
        awaitState(states, LinkState.CONNECTED);
    }

    @Test
    void withoutReconnectALostLinkEndsClosed() throws Exception {
        client = TestClients.application(server).onState(states).reconnect(ReconnectPolicy.disabled()).build();
        client.connect().get(10, TimeUnit.SECONDS);

        server.nextConnection().close(4401, "authentication timeout");

        LinkStatus closed = awaitState(states, LinkState.CLOSED);
        assertThat(closed.closeCode()).isEqualTo(4401);
        assertThat(closed.reason()).contains("4401");
        assertThat(server.pollConnection(Duration.ofMillis(300))).isNull();
    }
}
