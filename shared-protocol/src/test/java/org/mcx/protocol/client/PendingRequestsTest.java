package org.mcx.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Registration;
import org.mcx.protocol.wire.Codec;
import org.mcx.protocol.wire.MessageType;

class PendingRequestsTest {
    private final Codec codec = new Codec();
    private final Dispatcher dispatcher = new Dispatcher("mcx-client-test");
    private final PendingRequests pending = new PendingRequests(dispatcher, codec, "test#1");

    @AfterEach
    void stop() {
        dispatcher.shutdown();
    }

    @Test
    void timeoutForgetsTheRequestAndCompletesOnTheDispatcher() throws Exception {
        CompletableFuture<Registration.HeartbeatAck> answer = pending.add("c-1", MessageType.HEARTBEAT,
                Registration.HeartbeatAck.class, Duration.ofMillis(300));
        CompletableFuture<String> thread = answer.handle((ok, error) -> Thread.currentThread().getName());

        // Wait on the dependent only: a thread blocked in get() on answer itself may run its dependents.
        assertThat(thread.get(10, TimeUnit.SECONDS)).isEqualTo("mcx-client-test");
        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(TimeoutException.class);
        assertThat(pending.size()).isZero();
        pending.complete(codec.parse(codec.response("c-1", MessageType.HEARTBEAT, new Registration.HeartbeatAck(30))));
    }

    @Test
    void replyOfAnotherTypeIsAProtocolError() throws Exception {
        CompletableFuture<Registration.HeartbeatAck> answer = pending.add("c-1", MessageType.HEARTBEAT,
                Registration.HeartbeatAck.class, Duration.ofSeconds(10));

        pending.complete(codec.parse(codec.response("c-1", MessageType.DEREGISTER_SERVICE, new Common.Empty())));

        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }

    @Test
    void errorWithACodeThisVersionDoesNotKnowIsStillAnError() throws Exception {
        CompletableFuture<Registration.HeartbeatAck> answer = pending.add("c-1", MessageType.HEARTBEAT,
                Registration.HeartbeatAck.class, Duration.ofSeconds(10));

        pending.complete(codec.parse("{\"v\":1,\"re\":\"c-1\",\"type\":\"error\",\"body\":{\"code\":\"NEW_CODE\",\"message\":\"later\"}}"));

        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
                    assertThat(e.getMessage()).contains("later");
                });
    }

    @Test
    void lossFailsWaitingAndLaterRequests() {
        CompletableFuture<Registration.HeartbeatAck> waiting = pending.add("c-1", MessageType.HEARTBEAT,
                Registration.HeartbeatAck.class, Duration.ofSeconds(10));

        pending.failAll(new ConnectionLostException("connection lost (1006)"));

        assertThat(waiting).isCompletedExceptionally();
        assertThat(pending.add("c-2", MessageType.HEARTBEAT, Registration.HeartbeatAck.class, Duration.ofSeconds(10)))
                .isCompletedExceptionally();
        assertThat(pending.size()).isZero();
    }
}
