package org.mcx.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.mcx.protocol.Check;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Acms.ServerIdentity;
import org.mcx.protocol.message.Acms.UserServers;

/** ACMC to ACMS: the console's side of the server identity exchange (TR 23.700-38 7.x.1.3). */
public final class Exchange {
    private Exchange() {
    }

    public sealed interface Message extends Body {
    }

    public enum Direction {
        @JsonProperty("incoming") INCOMING,
        @JsonProperty("outgoing") OUTGOING
    }

    public enum Status {
        @JsonProperty("created") CREATED,
        @JsonProperty("forwarded") FORWARDED,
        @JsonProperty("storedAtPartner") STORED_AT_PARTNER,
        @JsonProperty("pendingApproval") PENDING_APPROVAL,
        @JsonProperty("approved") APPROVED,
        @JsonProperty("rejected") REJECTED,
        @JsonProperty("responded") RESPONDED,
        @JsonProperty("responseStored") RESPONSE_STORED,
        @JsonProperty("delivered") DELIVERED,
        @JsonProperty("failed") FAILED,
        /** Addition: an ADMIN stopped the delivery before the other system stored it. */
        @JsonProperty("cancelled") CANCELLED
    }

    public enum ApproverDecision {
        @JsonProperty("approve") APPROVE,
        @JsonProperty("reject") REJECT
    }

    public record CreateRequest(String partnerSystemId, List<String> users) implements Message {
        public CreateRequest {
            Check.id(partnerSystemId, "partnerSystemId");
            users = Check.ids(users, "users", 1, 100_000);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < users.size(); i++) {
                if (!seen.add(users.get(i))) {
                    throw org.mcx.protocol.ProtocolException.badRequest("users[" + i + "]", "repeats " + users.get(i));
                }
            }
        }
    }

    public record Created(String requestId, Status status) implements Message {
    }

    public record Step(int step, Status status, Instant at, String actor) {
    }

    /** {@code result} (addition, issue 14): the answer of a kind other than server identities. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Response(Acms.Decision decision, List<UserServers> serverIdentities, String decidedBy,
                           String comment, Instant receivedAt, Acm.Result result) {
        public Response(Acms.Decision decision, List<UserServers> serverIdentities, String decidedBy, String comment,
                        Instant receivedAt) {
            this(decision, serverIdentities, decidedBy, comment, receivedAt, null);
        }
    }

    /**
     * One exchange as either system sees it. {@code reason} (addition) says why it is {@code failed}
     * or {@code cancelled}; {@code delivery} (addition) how its message in the outbox is faring.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Request(String requestId, Direction direction, String partnerSystemId, String requestedBy,
                          List<String> users, Status status, Instant createdAt, List<Step> steps,
                          Response response, String reason, Delivery delivery, String kind, Acm.Urgency urgency,
                          Acm.Content content) {
        public Request(String requestId, Direction direction, String partnerSystemId, String requestedBy,
                       List<String> users, Status status, Instant createdAt, List<Step> steps, Response response) {
            this(requestId, direction, partnerSystemId, requestedBy, users, status, createdAt, steps, response,
                    null, null);
        }

        public Request(String requestId, Direction direction, String partnerSystemId, String requestedBy,
                       List<String> users, Status status, Instant createdAt, List<Step> steps, Response response,
                       String reason, Delivery delivery) {
            this(requestId, direction, partnerSystemId, requestedBy, users, status, createdAt, steps, response,
                    reason, delivery, null, null, null);
        }
    }

    /**
     * Addition (issue 14, {@code acm.create}, ADMIN): asks a partner system for, or sends it,
     * configuration of any kind but server identities (which keep {@code serverIdentity.create}).
     */
    public record AcmCreate(String partnerSystemId, Acm.Urgency urgency, Acm.Content content) implements Message {
        public AcmCreate {
            Check.id(partnerSystemId, "partnerSystemId");
            urgency = Acm.Urgency.orNormal(urgency);
            Check.required(content, "content");
        }
    }

    /** Addition ({@code acm.list}, VIEWER): exchanges of every kind, filtered; urgent first, then oldest first. */
    public record AcmList(Direction direction, Status status, String kind) implements Message {
        public AcmList {
            kind = Check.optionalId(kind, "kind");
        }
    }

    /** Addition: a message waiting in the outbox: attempts so far and the last failure. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(int attempts, Instant lastAttemptAt, String lastError) {
    }

    /** Addition ({@code serverIdentity.cancel}, ADMIN): stops a message that is still in the outbox. */
    public record Cancel(String requestId) implements Message {
        public Cancel {
            Acms.uuid(requestId, "requestId");
        }
    }

    public record Requests(List<Request> requests) implements Message {
    }

    public record Decide(String requestId, ApproverDecision decision, String comment) implements Message {
        public Decide {
            Acms.uuid(requestId, "requestId");
            Check.required(decision, "decision");
            comment = Check.optionalText(comment, "comment", 2000);
        }
    }

    public record StatusResult(Status status) implements Message {
    }

    public record ListRequests(Direction direction, Status status) implements Message {
    }

    public record Overrides(String mcServiceId, List<ServerIdentity> servers) {
        public Overrides {
            Check.id(mcServiceId, "mcServiceId");
            servers = Check.list(servers, "servers", 0, 16);
        }
    }

    /**
     * Addition: the servers a named group of users gets; {@code members} are MC service ids as the
     * partner's requests name them. A user in several groups gets the first listed group's.
     */
    public record GroupOverrides(String group, List<String> members, List<ServerIdentity> servers) {
        public GroupOverrides {
            Check.id(group, "group");
            members = Check.ids(members, "members", 1, 100_000);
            servers = Check.list(servers, "servers", 0, 16);
        }
    }

    /**
     * This system's server identities: {@code defaults}, replaced type by type by the first group
     * override naming the user ({@code groupOverrides}, addition), in turn replaced by the user's own
     * override ({@code overrides}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServerIdentities(List<ServerIdentity> defaults, List<Overrides> overrides,
                                   List<GroupOverrides> groupOverrides) implements Message {
        public ServerIdentities {
            defaults = Check.list(defaults, "defaults", 0, 16);
            overrides = Check.optionalList(overrides, "overrides", 100_000);
            groupOverrides = Check.optionalList(groupOverrides, "groupOverrides", 10_000);
            if (groupOverrides != null) {
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (int i = 0; i < groupOverrides.size(); i++) {
                    if (!seen.add(groupOverrides.get(i).group())) {
                        throw ProtocolException.badRequest("groupOverrides[" + i + "].group", "appears twice");
                    }
                }
            }
        }

        public ServerIdentities(List<ServerIdentity> defaults, List<Overrides> overrides) {
            this(defaults, overrides, null);
        }
    }
}
