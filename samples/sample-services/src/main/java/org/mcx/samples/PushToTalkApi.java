package org.mcx.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** MCPTT over MCPTT-1: what the server offers, setting up calls and reading them back. */
final class PushToTalkApi {
    private PushToTalkApi() {
    }

    static Routes routes(GroupDirectory groups, CallLog calls) {
        return new Routes()
                .get("/capabilities", r -> capabilities())
                .post("/calls", r -> startCall(groups, calls, r))
                .get("/calls/{id}", r -> calls.find(r.param("id"))
                        .map(c -> SampleResponse.ok("call", SampleJson.tree(c)))
                        .orElseGet(() -> SampleResponse.notFound("no call " + r.param("id"))));
    }

    private static SampleResponse capabilities() {
        ObjectNode body = SampleJson.object().put("serviceType", "MCPTT").put("interface", "MCPTT-1")
                .put("version", SampleKind.VERSION);
        body.set("capabilities", SampleJson.tree(SampleKind.MCPTT.capabilities()));
        body.putArray("codecs").add("AMR-WB");
        body.put("maxCallDurationSeconds", 300);
        return SampleResponse.ok(body);
    }

    /**
     * Body {@code {"type":"group","groupId":"fire-north"}} or {@code {"type":"private","calledId":"bob"}}.
     * The call takes the priority the service access server passed on: {@code emergency} marks it so.
     */
    private static SampleResponse startCall(GroupDirectory groups, CallLog calls, SampleRequest request) {
        Optional<ObjectNode> json = request.json();
        if (json.isEmpty()) {
            return SampleResponse.badRequest("the body must be a JSON object");
        }
        String type = text(json.get().get("type"));
        String target;
        if ("group".equals(type)) {
            target = text(json.get().get("groupId"));
            if (target == null) {
                return SampleResponse.badRequest("a group call needs groupId");
            }
            if (groups.find(target).isEmpty()) {
                return SampleResponse.error(422, "unknown-group", "no group " + target);
            }
        } else if ("private".equals(type)) {
            target = text(json.get().get("calledId"));
            if (target == null || !GroupManagementApi.MC_SERVICE_ID.matcher(target).matches()) {
                return SampleResponse.badRequest("a private call needs calledId, an MC service ID");
            }
        } else {
            return SampleResponse.badRequest("type must be group or private");
        }
        String priority = request.priority() == null ? "normal" : request.priority();
        CallLog.Call call = calls.start(type, target, request.mcServiceId(), priority, request.instance());
        return SampleResponse.created(SampleJson.object().set("call", SampleJson.tree(call)));
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
    }
}
