package org.mcx.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.Envelope;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.message.Csc15;
import org.mcx.protocol.wire.MessageType;

class ServerRequestTest {
    private final Recorder<Csc14.NotifyApplicationProfile> notified = new Recorder<>();
    private final CompletableFuture<Common.ResultBody> slowAnswer = new CompletableFuture<>();
    private ScriptedServer server;
    private ProtocolClient client;
    private ScriptedConnection connection;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedServer.start();
        client = TestClients.application(server)
                .handle(MessageType.NOTIFY_APPLICATION_PROFILE, Csc14.NotifyApplicationProfile.class, n -> {
                    notified.accept(n);
                    if (n.applicationProfileId().equals("missing")) {
                        throw ProtocolException.notFound("profile");
                    }
                    if (n.applicationProfileId().equals("crash")) {
                        throw new IllegalStateException("db at 10.0.0.7 unreachable");
                    }
                    return Common.ResultBody.success();
                })
                .build();
        client.connect().get(10, TimeUnit.SECONDS);
        connection = server.nextConnection();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void handlerAnswersTheServersRequest() throws Exception {
        Envelope reply = connection.request(MessageType.NOTIFY_APPLICATION_PROFILE,
                new Csc14.NotifyApplicationProfile("profile-1", 3)).get(10, TimeUnit.SECONDS);

        assertThat(reply.type()).isEqualTo("notifyApplicationProfile");
        assertThat(reply.re()).isEqualTo("s-1");
        assertThat(reply.body().path("result").asText()).isEqualTo("success");
        assertThat(notified.next()).isEqualTo(new Csc14.NotifyApplicationProfile("profile-1", 3));
        assertThat(notified.threads()).containsExactly("mcx-client-csc14");
    }

    @Test
    void badBodyIsAnsweredBadRequestWithoutCallingTheHandler() throws Exception {
        Envelope reply = connection.requestRaw("s-bad", "{\"v\":1,\"id\":\"s-bad\",\"type\":\"notifyApplicationProfile\","
                + "\"body\":{\"applicationProfileId\":\"has spaces\",\"version\":1}}").get(10, TimeUnit.SECONDS);

        assertThat(reply.isError()).isTrue();
        assertThat(reply.body().path("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(reply.body().path("field").asText()).isEqualTo("body.applicationProfileId");
        assertThat(notified.all()).isEmpty();
    }

    @Test
    void unknownAndUnhandledTypesAreAnsweredUnknownType() throws Exception {
        Envelope unknown = connection.requestRaw("s-x", "{\"v\":1,\"id\":\"s-x\",\"type\":\"no.such.type\",\"body\":{}}")
                .get(10, TimeUnit.SECONDS);
        Envelope unhandled = connection.request(MessageType.UPDATE_USER_ACCESS,
                new Csc15.UpdateUserAccess("alice", true, List.of(), null, null, 7)).get(10, TimeUnit.SECONDS);

        assertThat(unknown.body().path("code").asText()).isEqualTo("UNKNOWN_TYPE");
        assertThat(unknown.re()).isEqualTo("s-x");
        assertThat(unhandled.body().path("code").asText()).isEqualTo("UNKNOWN_TYPE");
    }

    @Test
    void handlerFailuresBecomeErrorsWithoutInternalDetails() throws Exception {
        Envelope missing = connection.request(MessageType.NOTIFY_APPLICATION_PROFILE,
                new Csc14.NotifyApplicationProfile("missing", 1)).get(10, TimeUnit.SECONDS);
        Envelope crash = connection.request(MessageType.NOTIFY_APPLICATION_PROFILE,
                new Csc14.NotifyApplicationProfile("crash", 1)).get(10, TimeUnit.SECONDS);

        assertThat(missing.body().path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(crash.body().path("code").asText()).isEqualTo("INTERNAL");
        assertThat(crash.body().toString()).doesNotContain("10.0.0.7").doesNotContain("IllegalStateException");
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void asyncHandlerAnswersWhenItsStageCompletes() throws Exception {
        ProtocolClient node = ProtocolClient.builder(server.uri(), Endpoint.CSC15)
                .authenticator(Authenticator.node("sas-1", "node-secret"))
                .handleAsync(MessageType.UPDATE_APPLICATION_PROFILE, Csc15.UpdateApplicationProfile.class, u -> slowAnswer)
                .handle(MessageType.UPDATE_USER_ACCESS, (Csc15.UpdateUserAccess u) -> Common.ResultBody.success())
                .build();
        try (node) {
            node.connect().get(10, TimeUnit.SECONDS);
            ScriptedConnection nodeConnection = server.nextConnection();
            CompletableFuture<Envelope> reply = nodeConnection.request(MessageType.UPDATE_APPLICATION_PROFILE,
                    new Csc15.UpdateApplicationProfile("app-1", List.of(), 12));
            Envelope access = nodeConnection.request(MessageType.UPDATE_USER_ACCESS,
                    new Csc15.UpdateUserAccess("alice", false, List.of(), null, null, 13)).get(10, TimeUnit.SECONDS);

            assertThat(access.body().path("result").asText()).isEqualTo("success");
            assertThat(reply).isNotDone();
            slowAnswer.complete(Common.ResultBody.success());
            assertThat(reply.get(10, TimeUnit.SECONDS).body().path("result").asText()).isEqualTo("success");
        }
    }

    @Test
    void handlersOnlyForWhatTheServerSendsOnThatEndpoint() {
        assertThatThrownBy(() -> TestClients.application(server)
                .handle(MessageType.GET_SERVICE_INFORMATION, b -> Common.ResultBody.success()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestClients.application(server)
                .handle(MessageType.UPDATE_USER_ACCESS, b -> Common.ResultBody.success()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestClients.application(server)
                .handle(MessageType.NOTIFY_APPLICATION_PROFILE, Csc15.UpdateUserAccess.class, b -> Common.ResultBody.success()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
