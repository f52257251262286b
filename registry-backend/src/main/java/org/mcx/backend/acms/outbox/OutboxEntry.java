package org.mcx.backend.acms.outbox;

import org.mcx.protocol.wire.MessageType;

/** One message waiting for its partner's {@code stored}. */
public record OutboxEntry(long outboxId, String partnerSystemId, String requestId, MessageType type, String body,
                          int attempts) {
}
