package org.mcx.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.mcx.protocol.Check;
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
        @JsonProperty("failed") FAILED
    }

    public enum ApproverDecision {
        @JsonProperty("approve") APPROVE,
        @JsonProperty("reject") REJECT
    }

    public record CreateRequest(String partnerSystemId, List<String> users) implements Message {
        public CreateRequest {
            Check.id(partnerSystemId, "partnerSystemId");
            users = Check.ids(users, "users", 1, 100_000);
        }
    }

    public record Created(String requestId, Status status) implements Message {
    }

    public record Step(int step, Status status, Instant at, String actor) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Response(Acms.Decision decision, List<UserServers> serverIdentities, String decidedBy,
                           String comment, Instant receivedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Request(String requestId, Direction direction, String partnerSystemId, String requestedBy,
                          List<String> users, Status status, Instant createdAt, List<Step> steps,
                          Response response) {
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

    public record ServerIdentities(List<ServerIdentity> defaults, List<Overrides> overrides) implements Message {
        public ServerIdentities {
            defaults = Check.list(defaults, "defaults", 0, 16);
            overrides = Check.optionalList(overrides, "overrides", 100_000);
        }
    }
}
