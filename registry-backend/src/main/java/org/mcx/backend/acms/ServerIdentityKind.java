package org.mcx.backend.acms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.mcx.backend.store.Tx;
import org.mcx.protocol.message.Acms;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.Codec;
import org.mcx.protocol.wire.MessageType;

/** Server identity information (TR 23.700-38 7.x.1.3, R-5.16.4-004). Content: {@code {"users":[...]}}. */
final class ServerIdentityKind implements ExchangeKind {
    static final String NAME = "serverIdentity";

    private final Codec codec;
    private final ServerIdentityDirectory directory;

    ServerIdentityKind(Codec codec, ServerIdentityDirectory directory) {
        this.codec = codec;
        this.directory = directory;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MessageType requestMessage() {
        return MessageType.SERVER_IDENTITY_REQUEST;
    }

    @Override
    public MessageType responseMessage() {
        return MessageType.SERVER_IDENTITY_RESPONSE;
    }

    JsonNode content(List<String> users) {
        ObjectMapper json = codec.mapper();
        return json.createObjectNode().set("users", json.valueToTree(users));
    }

    @Override
    public Body request(StoredRequest r, String ourSystemId) {
        return new Acms.ServerIdentityRequest(r.requestId(), ourSystemId, r.requestedBy(), users(r.content()),
                r.createdAt());
    }

    @Override
    public int size(JsonNode content) {
        return content.path("users").size();
    }

    @Override
    public List<String> users(JsonNode content) {
        List<String> out = new ArrayList<>();
        content.path("users").forEach(u -> out.add(u.asText()));
        return out;
    }

    @Override
    public Body respond(Tx tx, StoredRequest request, PartnerPolicy policy, Acms.Decision decision,
                        String decidedBy, String comment) throws SQLException {
        Connection c = tx.connection();
        List<Acms.UserServers> identities = decision == Acms.Decision.APPROVED
                ? directory.resolve(c, users(request.content()), policy.disclose()) : List.of();
        return new Acms.ServerIdentityResponse(request.requestId(), decision, identities, decidedBy, comment);
    }

    @Override
    public Exchange.Response view(JsonNode response, Instant receivedAt) {
        Acms.ServerIdentityResponse r = codec.decode(response, Acms.ServerIdentityResponse.class);
        return new Exchange.Response(r.decision(), r.serverIdentities(), r.decidedBy(), r.comment(), receivedAt);
    }

    @Override
    public Acms.Decision decision(JsonNode response) {
        return codec.decode(response, Acms.ServerIdentityResponse.class).decision();
    }
}
