package org.mcx.backend.acms;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.mcx.protocol.message.Exchange.Direction;
import org.mcx.protocol.message.Exchange.Status;

/**
 * The statuses an exchange may move through, on each side. Moves only go forward: a repeated or
 * late message (a second {@code stored}, a response that overtook the lost stored indication)
 * never takes a request back to an earlier status.
 */
public final class RequestStateMachine {
    private static final Map<Status, Set<Status>> OUTGOING = Map.of(
            Status.CREATED, EnumSet.of(Status.FORWARDED, Status.FAILED),
            Status.FORWARDED, EnumSet.of(Status.STORED_AT_PARTNER, Status.RESPONSE_STORED, Status.FAILED,
                    Status.CANCELLED),
            // the response may arrive while the stored indication is lost or still on its way
            Status.STORED_AT_PARTNER, EnumSet.of(Status.RESPONSE_STORED),
            Status.RESPONSE_STORED, EnumSet.of(Status.DELIVERED));

    private static final Map<Status, Set<Status>> INCOMING = Map.of(
            Status.STORED_AT_PARTNER, EnumSet.of(Status.PENDING_APPROVAL, Status.APPROVED, Status.REJECTED),
            Status.PENDING_APPROVAL, EnumSet.of(Status.APPROVED, Status.REJECTED),
            Status.APPROVED, EnumSet.of(Status.RESPONDED, Status.FAILED, Status.CANCELLED),
            Status.REJECTED, EnumSet.of(Status.RESPONDED, Status.FAILED, Status.CANCELLED));

    private RequestStateMachine() {
    }

    public static boolean allowed(Direction direction, Status from, Status to) {
        Map<Status, Set<Status>> moves = direction == Direction.OUTGOING ? OUTGOING : INCOMING;
        return moves.getOrDefault(from, Set.of()).contains(to);
    }

    /** Whether nothing more can happen to a request in this status. */
    public static boolean terminal(Direction direction, Status status) {
        Map<Status, Set<Status>> moves = direction == Direction.OUTGOING ? OUTGOING : INCOMING;
        return moves.getOrDefault(status, Set.of()).isEmpty();
    }
}
