package org.mcx.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Group management over CSC-2: list groups, read one, list and add members. */
final class GroupManagementApi {
    /** The protocol's identifier rule, so what the registry accepts as an MC service ID is accepted here. */
    static final Pattern MC_SERVICE_ID = Pattern.compile("[\\p{L}\\p{N}._:@+\\-/=~]{1,128}");
    private static final Set<String> ROLES = Set.of("member", "dispatcher", "supervisor");

    private GroupManagementApi() {
    }

    static Routes routes(GroupDirectory groups) {
        return new Routes()
                .get("/groups", r -> list(groups))
                .get("/groups/{id}", r -> one(groups, r.param("id")))
                .get("/groups/{id}/members", r -> members(groups, r.param("id")))
                .post("/groups/{id}/members", r -> addMember(groups, r));
    }

    private static SampleResponse list(GroupDirectory groups) {
        ArrayNode list = SampleJson.MAPPER.createArrayNode();
        for (GroupDirectory.Group g : groups.all()) {
            list.addObject().put("groupId", g.groupId()).put("displayName", g.displayName())
                    .put("memberCount", g.members().size());
        }
        return SampleResponse.ok("groups", list);
    }

    private static SampleResponse one(GroupDirectory groups, String id) {
        return groups.find(id).map(g -> {
            ObjectNode group = SampleJson.object().put("groupId", g.groupId()).put("displayName", g.displayName())
                    .put("description", g.description()).put("owner", g.owner())
                    .put("createdAt", g.createdAt().toString()).put("memberCount", g.members().size());
            return SampleResponse.ok("group", group);
        }).orElseGet(() -> noSuchGroup(id));
    }

    private static SampleResponse members(GroupDirectory groups, String id) {
        return groups.find(id).map(g -> {
            ObjectNode body = SampleJson.object().put("groupId", g.groupId());
            body.set("members", SampleJson.tree(g.members()));
            return SampleResponse.ok(body);
        }).orElseGet(() -> noSuchGroup(id));
    }

    /** Body {@code {"mcServiceId": "...", "role": "member"|"dispatcher"|"supervisor"}}; role defaults to member. */
    private static SampleResponse addMember(GroupDirectory groups, SampleRequest request) {
        Optional<ObjectNode> json = request.json();
        if (json.isEmpty()) {
            return SampleResponse.badRequest("the body must be a JSON object");
        }
        JsonNode id = json.get().get("mcServiceId");
        if (id == null || !id.isTextual() || !MC_SERVICE_ID.matcher(id.asText()).matches()) {
            return SampleResponse.badRequest("mcServiceId must be an MC service ID (1-128 letters, digits or ._:@+-/=~)");
        }
        JsonNode roleNode = json.get().get("role");
        String role = roleNode == null || roleNode.isNull() ? "member" : roleNode.asText();
        if (!ROLES.contains(role) || (roleNode != null && !roleNode.isNull() && !roleNode.isTextual())) {
            return SampleResponse.badRequest("role must be one of " + ROLES);
        }
        String groupId = request.param("id");
        GroupDirectory.Added added = groups.addMember(groupId, id.asText(), role);
        return switch (added.outcome()) {
            case ADDED -> {
                ObjectNode body = SampleJson.object().put("groupId", groupId);
                body.set("member", SampleJson.tree(added.member()));
                yield SampleResponse.created(body);
            }
            case ALREADY_MEMBER -> SampleResponse.error(409, "conflict", id.asText() + " is already a member of " + groupId);
            case FULL -> SampleResponse.error(409, "group-full", groupId + " has " + GroupDirectory.MAX_MEMBERS + " members");
            case NO_SUCH_GROUP -> noSuchGroup(groupId);
        };
    }

    private static SampleResponse noSuchGroup(String id) {
        return SampleResponse.notFound("no group " + id);
    }
}
