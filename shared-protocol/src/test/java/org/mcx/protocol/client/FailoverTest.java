package org.mcx.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mcx.protocol.client.TestClients.awaitState;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/**
 * A client of a system with several nodes: it starts on the first that answers, and when its node
 * dies it moves to the next at once, resuming its session and its events from the last one it had,
 * without a gap or a repeat.
 */
class FailoverTest {
    private final Recorder<LinkStatus> states = new Recorder<>();
    private final Recorder<Common.Event> events = new Recorder<>();
    private ScriptedServer first;
    private ScriptedServer second;
    private ProtocolClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        for (ScriptedServer s : new ScriptedServer[] {first, second}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static ClientBuilder console(List<URI> nodes) {
        return ProtocolClient.builder(nodes, Endpoint.ACMC)
                .authenticator(Authenticator.login("admin", "secret-password"))
                .reconnect(TestClients.FAST);
    }

    @Test
    void aNodeThatDiesIsLeftForTheNextWhichResumesTheSessionAndTheEvents() throws Exception {
        first = ScriptedServer.start();
        second = ScriptedServer.start(0, s -> s.on(MessageType.EVENTS_SUBSCRIBE, (c, r) -> {
            c.reply(r, new Console.Subscribed(5));
            for (long seq = r.body().path("sinceSeq").asLong(); seq <= 5; seq++) {
                c.sendEvent(seq, "profile.updated"); // from sinceSeq itself: a repeat the client drops
            }
        }));
        client = console(List.of(base(first), base(second))).onState(states).onEvent(events).build();
        client.connect().get(10, TimeUnit.SECONDS);
        assertThat(client.uri().getPort()).isEqualTo(first.port());
        client.subscribe(List.of("profile.")).get(10, TimeUnit.SECONDS);
        ScriptedConnection onFirst = first.next("events.subscribe").connection();
        for (long seq = 1; seq <= 3; seq++) {
            onFirst.sendEvent(seq, "profile.updated");
        }
        assertThat(events.await(e -> e.seq() == 3)).isNotNull();

        first.stop();
        LinkStatus moving = awaitState(states, LinkState.RECONNECTING);
        assertThat(moving.reason()).contains("trying " + second.uri().getScheme() + "://");
        assertThat(moving.retryIn()).as("the next node at once, no backoff").isZero();
        awaitState(states, LinkState.CONNECTED);

        assertThat(client.uri().getPort()).isEqualTo(second.port());
        ScriptedServer.Received resume = second.next("auth.resume");
        assertThat(resume.envelope().body().path("sessionToken").asText()).isEqualTo(ScriptedServer.TOKEN);
        assertThat(second.next("events.subscribe").envelope().body().path("sinceSeq").asLong()).isEqualTo(3);
        assertThat(events.await(e -> e.seq() == 5)).isNotNull();
        assertThat(events.all()).extracting(Common.Event::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void theFirstConnectTriesEveryNodeOnceBeforeItFails() throws Exception {
        second = ScriptedServer.start();
        URI dead = deadBase();
        client = console(List.of(dead, base(second))).onState(states).build();
        client.connect().get(10, TimeUnit.SECONDS);
        assertThat(client.uri().getPort()).isEqualTo(second.port());
        client.close();

        client = console(List.of(dead, deadBase())).onState(states).build();
        assertThatThrownBy(() -> client.connect().get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ConnectionLostException.class);
        assertThat(states.all()).filteredOn(s -> s.state() == LinkState.CONNECTING).hasSizeGreaterThanOrEqualTo(2);
    }

    private static URI base(ScriptedServer server) {
        URI u = server.uri();
        return URI.create(u.getScheme() + "://" + u.getHost() + ":" + u.getPort());
    }

    /** A port nobody listens on: taken, then released. */
    private static URI deadBase() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return URI.create("ws://127.0.0.1:" + s.getLocalPort());
        }
    }
}
