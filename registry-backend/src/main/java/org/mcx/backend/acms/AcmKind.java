package org.mcx.backend.acms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.mcx.backend.store.StoreException;
import org.mcx.backend.store.Tx;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Acms;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.Codec;
import org.mcx.protocol.wire.MessageType;

/**
 * A kind of docs/acm.md: carried by {@code acms.configurationRequest} and
 * {@code acms.configurationResponse}, its content an {@link Acm.Content} and its answer an
 * {@link Acm.Result}, both stored as the JSON they travel as (their {@code kind} inside). A kind
 * says only what an approval does here ({@link #apply}).
 */
abstract class AcmKind implements ExchangeKind {
    protected final Codec codec;

    AcmKind(Codec codec) {
        this.codec = codec;
    }

    /** What an approved request changes or discloses on this system, as the answer tells it. */
    abstract Acm.Result apply(Tx tx, StoredRequest request, PartnerPolicy policy, Acm.Content content)
            throws SQLException;

    @Override
    public final MessageType requestMessage() {
        return MessageType.CONFIGURATION_REQUEST;
    }

    @Override
    public final MessageType responseMessage() {
        return MessageType.CONFIGURATION_RESPONSE;
    }

    final JsonNode store(Acm.Content content) {
        return codec.mapper().valueToTree(content);
    }

    final Acm.Content content(JsonNode stored) {
        return read(stored, Acm.Content.class);
    }

    @Override
    public final Acm.Content describe(JsonNode content) {
        return content(content);
    }

    @Override
    public final Body request(StoredRequest r, String ourSystemId) {
        return new Acms.ConfigurationRequest(r.requestId(), ourSystemId, r.requestedBy(), r.urgency(), content(r.content()),
                r.createdAt());
    }

    @Override
    public final int size(JsonNode content) {
        return content(content).namedUsers().size();
    }

    @Override
    public final List<String> users(JsonNode content) {
        return content(content).namedUsers();
    }

    @Override
    public final Body respond(Tx tx, StoredRequest request, PartnerPolicy policy, Acms.Decision decision,
                              String decidedBy, String comment) throws SQLException {
        Acm.Result result = decision == Acms.Decision.APPROVED ? apply(tx, request, policy, content(request.content())) : null;
        return new Acms.ConfigurationResponse(request.requestId(), decision, result, decidedBy, comment);
    }

    @Override
    public final Exchange.Response view(JsonNode response, Instant receivedAt) {
        Acms.ConfigurationResponse r = read(response, Acms.ConfigurationResponse.class);
        return new Exchange.Response(r.decision(), null, r.decidedBy(), r.comment(), receivedAt, r.result());
    }

    @Override
    public final Acms.Decision decision(JsonNode response) {
        return read(response, Acms.ConfigurationResponse.class).decision();
    }

    private <T> T read(JsonNode json, Class<T> type) {
        try {
            return codec.mapper().treeToValue(json, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new StoreException("a stored " + name() + " exchange does not read as " + type.getSimpleName(), e);
        }
    }
}
