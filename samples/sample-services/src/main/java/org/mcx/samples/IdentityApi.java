package org.mcx.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Identity management over CSC-1: OpenID Connect style user information for the caller. */
final class IdentityApi {
    private IdentityApi() {
    }

    static Routes routes() {
        return new Routes().get("/identity/userinfo", IdentityApi::userInfo);
    }

    /** Whose information is decided by {@code MC-Service-Id} alone: the service access server vouches for it. */
    private static SampleResponse userInfo(SampleRequest request) {
        String user = request.mcServiceId();
        if (user == null) {
            return SampleResponse.error(401, "unauthenticated", "no MC-Service-Id: whose information?");
        }
        ObjectNode info = SampleJson.object().put("sub", user).put("name", ConfigurationApi.displayName(user))
                .put("mcptt_id", "sip:" + user + "@mcptt.mcx.example")
                .put("mcvideo_id", "sip:" + user + "@mcvideo.mcx.example")
                .put("mcdata_id", "sip:" + user + "@mcdata.mcx.example");
        return SampleResponse.ok(info);
    }
}
