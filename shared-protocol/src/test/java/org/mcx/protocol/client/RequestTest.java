package org.mcx.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.model.ServiceCapability;
import org.mcx.protocol.model.ServiceQuery;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

class RequestTest {
    private static final Csc14.GetServiceInformation DISCOVER = new Csc14.GetServiceInformation("alice", ServiceQuery.all());
    private static final Csc14.ServiceInformation FOUND = new Csc14.ServiceInformation(Common.Result.SUCCESS,
            List.of(new ServiceCapability(ServiceType.MCPTT, "MCPTT-1", List.of("HTTP"), "1.0", "push to talk", List.of())));

    private ScriptedServer server;
    private ProtocolClient client;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedServer.start();
        client = TestClients.application(server).requestTimeout(Duration.ofSeconds(5)).build();
        client.connect().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void requestGetsItsTypedAnswer() throws Exception {
        server.on(MessageType.GET_SERVICE_INFORMATION, ScriptedServer.respond(FOUND));

        Csc14.ServiceInformation answer = client.request(MessageType.GET_SERVICE_INFORMATION, DISCOVER,
                Csc14.ServiceInformation.class).get(10, TimeUnit.SECONDS);

        assertThat(answer).isEqualTo(FOUND);
        ScriptedServer.Received received = server.next("getServiceInformation");
        assertThat(received.envelope().id()).isEqualTo("c-2");
        assertThat(received.envelope().body().path("mcServiceId").asText()).isEqualTo("alice");
    }

    @Test
    void idsAreUniquePerConnection() throws Exception {
        server.on(MessageType.GET_SERVICE_INFORMATION, ScriptedServer.respond(FOUND));
        List<CompletableFuture<Csc14.ServiceInformation>> answers = IntStream.range(0, 50)
                .mapToObj(i -> client.<Csc14.ServiceInformation>request(MessageType.GET_SERVICE_INFORMATION, DISCOVER))
                .toList();

        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(server.allRequests()).extracting(r -> r.envelope().id()).doesNotHaveDuplicates().hasSize(51);
    }

    @Test
    void callReturnsTheAnswerAndThrowsTheRemoteErrorUnwrapped() throws Exception {
        server.on(MessageType.GET_SERVICE_INFORMATION, ScriptedServer.respond(FOUND));
        Csc14.ServiceInformation answer = client.call(MessageType.GET_SERVICE_INFORMATION, DISCOVER);
        assertThat(answer.services()).hasSize(1);

        server.on(MessageType.GET_SERVICE_INFORMATION,
                ScriptedServer.fail(ErrorCode.BAD_REQUEST, "must be one of the allowed values", "body.query.serviceType"));
        assertThatThrownBy(() -> client.call(MessageType.GET_SERVICE_INFORMATION, DISCOVER))
                .isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.field()).isEqualTo("body.query.serviceType");
                    assertThat(e.getMessage()).isEqualTo("must be one of the allowed values");
                });
    }

    @Test
    void errorAnswerFailsTheFutureWithRemoteException() throws Exception {
        server.on(MessageType.GET_APPLICATION_PROFILE, ScriptedServer.fail(ErrorCode.NOT_FOUND, "profile not found", null));

        CompletableFuture<Csc14.ApplicationProfileResult> answer = client.request(MessageType.GET_APPLICATION_PROFILE,
                new Csc14.GetApplicationProfile("profile-9", null), Csc14.ApplicationProfileResult.class);

        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.field()).isNull();
                });
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void unansweredRequestTimesOutAndItsLateAnswerIsIgnored() throws Exception {
        CompletableFuture<Csc14.ServiceInformation> answer = client.request(MessageType.GET_SERVICE_INFORMATION,
                DISCOVER, Csc14.ServiceInformation.class, Duration.ofMillis(200));
        ScriptedServer.Received unanswered = server.next("getServiceInformation");

        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(TimeoutException.class).hasMessageContaining(unanswered.envelope().id());

        unanswered.connection().reply(unanswered.envelope(), FOUND);
        server.on(MessageType.GET_SERVICE_INFORMATION, ScriptedServer.respond(FOUND));
        // The next answer is handled after the late one on the same ordered path.
        assertThat(client.call(MessageType.GET_SERVICE_INFORMATION, DISCOVER, Csc14.ServiceInformation.class))
                .isEqualTo(FOUND);
        assertThat(answer).isCompletedExceptionally();
        assertThat(client.state()).isEqualTo(LinkState.CONNECTED);
    }

    @Test
    void oversizedRequestFailsWithTooLargeWithoutBeingSent() throws Exception {
        ProtocolClient small = TestClients.console(server).maxMessageBytes(8 * 1024).build();
        try (small) {
            small.connect().get(10, TimeUnit.SECONDS);
            List<String> users = IntStream.range(0, 1000).mapToObj(i -> "user-with-a-long-id-" + i).toList();

            CompletableFuture<Exchange.Created> answer = small.request(MessageType.SERVER_IDENTITY_CREATE,
                    new Exchange.CreateRequest("partner-b", users), Exchange.Created.class);

            assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
            server.on(MessageType.APPLICATIONS_LIST, ScriptedServer.respond(new Console.Applications(List.of())));
            small.call(MessageType.APPLICATIONS_LIST, new Common.Empty());
            assertThat(server.allRequests()).extracting(r -> r.envelope().type())
                    .doesNotContain("serverIdentity.create").contains("applications.list");
        }
    }

    @Test
    void requestsWhileDisconnectedFailFast() throws Exception {
        ProtocolClient idle = TestClients.application(server).build();
        try (idle) {
            assertThat(idle.request(MessageType.GET_SERVICE_INFORMATION, DISCOVER)).isCompletedExceptionally();
            assertThatThrownBy(() -> idle.call(MessageType.GET_SERVICE_INFORMATION, DISCOVER))
                    .isInstanceOfSatisfying(ConnectionLostException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        }
        assertThatThrownBy(() -> idle.call(MessageType.GET_SERVICE_INFORMATION, DISCOVER))
                .isInstanceOf(ConnectionLostException.class).hasMessageContaining("closed");
    }

    @Test
    void wrongBodyForTheTypeIsAProgrammingError() {
        assertThatThrownBy(() -> client.request(MessageType.GET_SERVICE_INFORMATION, new Common.Empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.request(MessageType.GET_SERVICE_INFORMATION, DISCOVER, Console.Services.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void futuresCompleteOnTheDispatcherAndCallIsRefusedThere() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.on(MessageType.GET_SERVICE_INFORMATION, (c, r) -> {
            release.await(10, TimeUnit.SECONDS);
            c.reply(r, FOUND);
        });
        CompletableFuture<Object> seen = client.request(MessageType.GET_SERVICE_INFORMATION, DISCOVER,
                Csc14.ServiceInformation.class).thenApply(answer -> {
                    String thread = Thread.currentThread().getName();
                    try {
                        client.call(MessageType.GET_SERVICE_INFORMATION, DISCOVER);
                        return "call() did not refuse";
                    } catch (IllegalStateException expected) {
                        return thread;
                    } catch (Exception e) {
                        return e;
                    }
                });
        release.countDown();

        assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("mcx-client-csc14");
    }

    @Test
    void untypedTimeoutSurfacesThroughCallAsTimeoutException() throws Exception {
        ProtocolClient quick = TestClients.application(server).requestTimeout(Duration.ofMillis(100)).build();
        try (quick) {
            quick.connect().get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> quick.call(MessageType.GET_SERVICE_INFORMATION, DISCOVER))
                    .isInstanceOf(TimeoutException.class);
        }
    }
}
