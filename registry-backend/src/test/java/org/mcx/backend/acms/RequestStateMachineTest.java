package org.mcx.backend.acms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mcx.backend.acms.outbox.Backoff;
import org.mcx.protocol.message.Exchange.Direction;
import org.mcx.protocol.message.Exchange.Status;

/** The rules a repeated or late message relies on: statuses only move forward; retries wait longer, within bounds. */
class RequestStateMachineTest {
    @Test
    void anOutgoingRequestMovesForwardOnly() {
        assertThat(RequestStateMachine.allowed(Direction.OUTGOING, Status.FORWARDED, Status.STORED_AT_PARTNER)).isTrue();
        assertThat(RequestStateMachine.allowed(Direction.OUTGOING, Status.STORED_AT_PARTNER, Status.RESPONSE_STORED)).isTrue();
        assertThat(RequestStateMachine.allowed(Direction.OUTGOING, Status.RESPONSE_STORED, Status.DELIVERED)).isTrue();
        // a stored indication re-sent after the response arrived must not take the request back
        assertThat(RequestStateMachine.allowed(Direction.OUTGOING, Status.RESPONSE_STORED, Status.STORED_AT_PARTNER)).isFalse();
        assertThat(RequestStateMachine.allowed(Direction.OUTGOING, Status.DELIVERED, Status.RESPONSE_STORED)).isFalse();
        // the response may overtake a lost stored indication
        assertThat(RequestStateMachine.allowed(Direction.OUTGOING, Status.FORWARDED, Status.RESPONSE_STORED)).isTrue();
        // only what is still in the outbox can be cancelled
        assertThat(RequestStateMachine.allowed(Direction.OUTGOING, Status.FORWARDED, Status.CANCELLED)).isTrue();
        assertThat(RequestStateMachine.allowed(Direction.OUTGOING, Status.STORED_AT_PARTNER, Status.CANCELLED)).isFalse();
        assertThat(RequestStateMachine.terminal(Direction.OUTGOING, Status.DELIVERED)).isTrue();
        assertThat(RequestStateMachine.terminal(Direction.OUTGOING, Status.CANCELLED)).isTrue();
    }

    @Test
    void anIncomingRequestIsDecidedOnce() {
        assertThat(RequestStateMachine.allowed(Direction.INCOMING, Status.STORED_AT_PARTNER, Status.PENDING_APPROVAL)).isTrue();
        assertThat(RequestStateMachine.allowed(Direction.INCOMING, Status.STORED_AT_PARTNER, Status.APPROVED)).isTrue();
        assertThat(RequestStateMachine.allowed(Direction.INCOMING, Status.PENDING_APPROVAL, Status.REJECTED)).isTrue();
        assertThat(RequestStateMachine.allowed(Direction.INCOMING, Status.APPROVED, Status.REJECTED)).isFalse();
        assertThat(RequestStateMachine.allowed(Direction.INCOMING, Status.REJECTED, Status.RESPONDED)).isTrue();
        assertThat(RequestStateMachine.allowed(Direction.INCOMING, Status.RESPONDED, Status.CANCELLED)).isFalse();
        // statuses of the other side never apply
        assertThat(RequestStateMachine.allowed(Direction.INCOMING, Status.FORWARDED, Status.STORED_AT_PARTNER)).isFalse();
        assertThat(RequestStateMachine.allowed(Direction.OUTGOING, Status.PENDING_APPROVAL, Status.APPROVED)).isFalse();
    }

    @Test
    void backoffDoublesWithJitterUpToItsCeiling() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));
        assertThat(b.ceiling(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(b.ceiling(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(b.ceiling(9)).isEqualTo(Duration.ofMillis(25_600));
        assertThat(b.ceiling(10)).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.delay(3, () -> 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(b.delay(3, () -> 0.999_999)).isEqualTo(Duration.ofMillis(399));
        assertThat(b.delay(50, () -> 0.999_999)).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void backoffRefusesBoundsBeyondTheProtocolsThirtySeconds() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Backoff(Duration.ofMillis(100), Duration.ofSeconds(31)))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
