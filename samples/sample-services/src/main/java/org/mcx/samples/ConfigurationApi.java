package org.mcx.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Configuration management over CSC-4: a user's configuration and the service's. */
final class ConfigurationApi {
    private ConfigurationApi() {
    }

    static Routes routes(GroupDirectory groups) {
        return new Routes()
                .get("/configuration/users/{mcServiceId}", r -> user(groups, r))
                .get("/configuration/service", r -> service());
    }

    /**
     * A user reads only their own configuration: with {@code MC-Service-Id} present (as the service
     * access server sends it) any other user's is refused, as a real CMS would.
     */
    private static SampleResponse user(GroupDirectory groups, SampleRequest request) {
        String user = request.param("mcServiceId");
        if (request.mcServiceId() != null && !request.mcServiceId().equals(user)) {
            return SampleResponse.error(403, "forbidden", "an MC service user may read only their own configuration");
        }
        ObjectNode config = SampleJson.object().put("mcServiceId", user).put("displayName", displayName(user))
                .put("mcpttId", "sip:" + user + "@mcptt.mcx.example");
        config.set("groups", SampleJson.tree(groups.groupsOf(user)));
        config.put("privateCallAllowed", true).put("emergencyCallAllowed", true)
                .put("emergencyGroup", "ems-dispatch").put("maxSimultaneousGroupCalls", 4);
        return SampleResponse.ok("userConfiguration", config);
    }

    private static SampleResponse service() {
        ObjectNode config = SampleJson.object().put("privateCallMaxDurationSeconds", 300)
                .put("groupCallHangTimeSeconds", 5).put("emergencyCallCancelTimeoutSeconds", 30);
        config.putObject("floorControl").put("queueing", true).put("maxQueueDepth", 10);
        config.putArray("codecs").add("AMR-WB").add("EVS");
        return SampleResponse.ok("serviceConfiguration", config);
    }

    /** "alice" becomes "Alice": the samples keep no directory of names. */
    static String displayName(String mcServiceId) {
        return Character.toUpperCase(mcServiceId.charAt(0)) + mcServiceId.substring(1);
    }
}
