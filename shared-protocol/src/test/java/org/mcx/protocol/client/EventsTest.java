package org.mcx.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

class EventsTest {
    private final Recorder<Common.Event> events = new Recorder<>();
    private ScriptedServer server;
    private ProtocolClient client;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedServer.start();
        server.on(MessageType.EVENTS_SUBSCRIBE, ScriptedServer.respond(new Console.Subscribed(0)));
        client = TestClients.console(server).onEvent(events).build();
        client.connect().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void eventsArriveInOrderWithoutRepeats() throws Exception {
        assertThat(client.subscribe(List.of("profile.", "service.")).get(10, TimeUnit.SECONDS).lastSeq()).isZero();
        ScriptedServer.Received subscribe = server.next("events.subscribe");
        assertThat(subscribe.envelope().body().path("topics")).hasSize(2);
        assertThat(subscribe.envelope().body().has("sinceSeq")).isFalse();

        ScriptedConnection connection = subscribe.connection();
        for (long seq : new long[] {1, 2, 2, 3, 1, 4}) {
            connection.sendEvent(seq, "profile.updated");
        }

        assertThat(List.of(events.next().seq(), events.next().seq(), events.next().seq(), events.next().seq()))
                .containsExactly(1L, 2L, 3L, 4L);
        connection.sendEvent(5, "service.registered");
        assertThat(events.next().seq()).isEqualTo(5);
        assertThat(events.all()).hasSize(5);
        assertThat(events.threads()).containsExactly("mcx-client-acmc");
        assertThat(client.lastEventSeq()).isEqualTo(5);
    }

    @Test
    void laterSubscriptionsAddTopicsAndContinueFromTheLastEvent() throws Exception {
        client.subscribe(List.of("profile.")).get(10, TimeUnit.SECONDS);
        ScriptedConnection connection = server.next("events.subscribe").connection();
        connection.sendEvent(7, "profile.updated");
        assertThat(events.next().seq()).isEqualTo(7);

        server.on(MessageType.EVENTS_SUBSCRIBE, ScriptedServer.respond(new Console.Subscribed(7)));
        client.subscribe(List.of("partner.")).get(10, TimeUnit.SECONDS);

        var second = server.next("events.subscribe").envelope().body();
        assertThat(second.path("topics").toString()).isEqualTo("[\"profile.\",\"partner.\"]");
        assertThat(second.path("sinceSeq").asLong()).isEqualTo(7);
    }

    @Test
    void explicitSinceSeqReplaysOlderEvents() throws Exception {
        server.on(MessageType.EVENTS_SUBSCRIBE, (c, r) -> {
            c.reply(r, new Console.Subscribed(12));
            for (long seq = r.body().path("sinceSeq").asLong() + 1; seq <= 12; seq++) {
                c.sendEvent(seq, "audit");
            }
        });

        client.subscribe(List.of(""), 10L).get(10, TimeUnit.SECONDS);

        assertThat(List.of(events.next().seq(), events.next().seq())).containsExactly(11L, 12L);
    }

    @Test
    void failingListenerDoesNotStopDelivery() throws Exception {
        Recorder<Common.Event> after = new Recorder<>();
        ProtocolClient second = TestClients.console(server).onEvent(e -> {
            throw new IllegalStateException("listener bug");
        }).onEvent(after).build();
        try (second) {
            second.connect().get(10, TimeUnit.SECONDS);
            second.subscribe(List.of("")).get(10, TimeUnit.SECONDS);
            ScriptedConnection connection = server.next("events.subscribe").connection();

            connection.sendEvent(1, "a");
            connection.sendEvent(2, "b");

            assertThat(List.of(after.next().seq(), after.next().seq())).containsExactly(1L, 2L);
        }
    }
}
