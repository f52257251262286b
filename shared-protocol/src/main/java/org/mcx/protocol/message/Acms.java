package org.mcx.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.mcx.protocol.Check;
import org.mcx.protocol.ProtocolException;

/** ACMS to ACMS: server identity information between partner systems (TR 23.700-38, 7.x.1.3). */
public final class Acms {
    private Acms() {
    }

    public sealed interface Message extends Body {
    }

    public enum ServerType {
        MCPTT, MCVIDEO, MCDATA, GMS, CMS, IDMS, KMS
    }

    public enum Decision {
        @JsonProperty("approved") APPROVED,
        @JsonProperty("rejected") REJECTED
    }

    public record ServerIdentity(ServerType serverType, String identity) {
        public ServerIdentity {
            Check.required(serverType, "serverType");
            Check.required(identity, "identity");
            if (!(identity.startsWith("sip:") || identity.startsWith("https:")) || identity.length() > 512
                    || identity.chars().anyMatch(c -> c <= ' ')) {
                throw ProtocolException.badRequest("identity", "must be a sip: or https: URI");
            }
        }
    }

    public record UserServers(String mcServiceId, List<ServerIdentity> servers) {
        public UserServers {
            Check.id(mcServiceId, "mcServiceId");
            servers = Check.list(servers, "servers", 0, 64);
        }
    }

    /** Step 3. */
    public record ServerIdentityRequest(String requestId, String fromSystemId, String requestedBy,
                                        List<String> users, Instant createdAt) implements Message {
        public ServerIdentityRequest {
            uuid(requestId, "requestId");
            Check.id(fromSystemId, "fromSystemId");
            Check.id(requestedBy, "requestedBy");
            users = Check.ids(users, "users", 1, 100_000);
            Check.required(createdAt, "createdAt");
        }
    }

    /** Step 13. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServerIdentityResponse(String requestId, Decision decision, List<UserServers> serverIdentities,
                                         String decidedBy, String comment) implements Message {
        public ServerIdentityResponse {
            uuid(requestId, "requestId");
            Check.required(decision, "decision");
            serverIdentities = Check.optionalList(serverIdentities, "serverIdentities", 100_000);
            Check.id(decidedBy, "decidedBy");
            comment = Check.optionalText(comment, "comment", 2000);
        }
    }

    /**
     * Addition (issue 14, docs/acm.md), step 3 for every kind but server identities: what the
     * partner is asked, with its kind inside {@code content}; {@code urgency} absent is normal.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConfigurationRequest(String requestId, String fromSystemId, String requestedBy, Acm.Urgency urgency,
                                       Acm.Content content, Instant createdAt) implements Message {
        public ConfigurationRequest {
            uuid(requestId, "requestId");
            Check.id(fromSystemId, "fromSystemId");
            Check.id(requestedBy, "requestedBy");
            urgency = Acm.Urgency.orNormal(urgency);
            Check.required(content, "content");
            Check.required(createdAt, "createdAt");
        }
    }

    /** Addition (issue 14), step 13 for every kind but server identities; {@code result} absent when rejected. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConfigurationResponse(String requestId, Decision decision, Acm.Result result, String decidedBy,
                                        String comment) implements Message {
        public ConfigurationResponse {
            uuid(requestId, "requestId");
            Check.required(decision, "decision");
            if (decision == Decision.APPROVED) {
                Check.required(result, "result");
            }
            Check.id(decidedBy, "decidedBy");
            comment = Check.optionalText(comment, "comment", 2000);
        }
    }

    /** Steps 5 and 14: the stored indication. */
    public record Stored(boolean stored) implements Message {
    }

    static void uuid(String value, String field) {
        Check.required(value, field);
        try {
            if (!UUID.fromString(value).toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw ProtocolException.badRequest(field, "must be a UUID");
        }
    }
}
