package org.mcx.backend.acms;

import com.fasterxml.jackson.databind.JsonNode;
import org.mcx.protocol.message.Acm;
import java.time.Instant;
import org.mcx.protocol.message.Exchange.Direction;
import org.mcx.protocol.message.Exchange.Status;

/**
 * One exchange as stored: what kind it is, who asked whom, and its content and response as JSON
 * documents whose shape only the kind knows; {@code urgency} (issue 14) orders approvers' queues.
 */
public record StoredRequest(String requestId, String kind, Direction direction, String partnerSystemId,
                            String requestedBy, JsonNode content, Status status, Instant createdAt,
                            JsonNode response, Instant responseAt, String reason, Acm.Urgency urgency) {
    public StoredRequest {
        urgency = Acm.Urgency.orNormal(urgency);
    }

    public boolean outgoing() {
        return direction == Direction.OUTGOING;
    }
}
