package org.mcx.backend.acms;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.List;
import org.mcx.backend.store.Tx;
import org.mcx.protocol.message.Acms;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;

/**
 * One kind of configuration exchange with partners: server identity information (R-5.16.4-004),
 * and the kinds of docs/acm.md (R-5.16.4-004/005: users, groups, security levels; {@link AcmKind}). The
 * outbox, the approval queue and the step history are shared; a kind only says which messages carry
 * it, what its content and response look like, and how this system answers it.
 */
public interface ExchangeKind {
    /** Stored in {@code acms_requests.kind} and the prefix of its event topics, e.g. {@code serverIdentity}. */
    String name();

    /** The ACMS-to-ACMS message that carries the request (step 3) ... */
    MessageType requestMessage();

    /** ... and the one that carries the answer (step 13). */
    MessageType responseMessage();

    /** The message sending an outgoing request of this kind to its partner. */
    Body request(StoredRequest request, String ourSystemId);

    /** How many users the request carries, for the partner's per-request limit. */
    int size(JsonNode content);

    /** The users a request names, for the console's lists. */
    List<String> users(JsonNode content);

    /**
     * This system's answer to an incoming request, decided by policy or by an approver; in the
     * transaction that records the decision, so what an approval changes here commits with it.
     */
    Body respond(Tx tx, StoredRequest request, PartnerPolicy policy, Acms.Decision decision, String decidedBy,
                 String comment) throws SQLException;

    /** The request's content as the console shows it (docs/acm.md kinds); null where {@link #users} says all. */
    default org.mcx.protocol.message.Acm.Content describe(JsonNode content) {
        return null;
    }

    /** A stored response as the console shows it. */
    Exchange.Response view(JsonNode response, java.time.Instant receivedAt);

    /** The decision a stored response carries. */
    Acms.Decision decision(JsonNode response);
}
