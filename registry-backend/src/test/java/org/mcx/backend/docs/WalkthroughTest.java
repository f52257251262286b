package org.mcx.backend.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.RawClient;

/**
 * The worked example of docs/protocol.md (10.X.3 and 10.X.4), frame by frame as a third party
 * would send them, so the documentation cannot drift from what the server does.
 */
class WalkthroughTest {
    @TempDir
    Path dir;

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void theDocumentedFlowHoldsFrameByFrame() throws Exception {
        int sasPort = freePort();
        try (BackendFixture backend = BackendFixture.start(dir, "mcx-a", c -> c.withSasPort(sasPort));
             RawClient console = new RawClient(backend.base(), "/acmc");
             RawClient gms = new RawClient(backend.base(), "/registration")) {
            console.login("admin", BackendFixture.ADMIN_PASSWORD);
            console.call("users.save", "{\"mcServiceId\":\"alice\",\"displayName\":\"Alice Martin\",\"roles\":[],"
                    + "\"externalAccessAllowed\":true,\"allowedServices\":[\"MCPTT\",\"GM\"],\"password\":\"correct horse battery\"}");
            String nodeSecret = console.call("nodes.create", "{\"nodeId\":\"gm-1\",\"kind\":\"service\"}").at("/body/secret").asText();
            JsonNode app = console.call("applications.create", "{\"name\":\"Dispatch board\",\"trustedDomain\":false}").path("body");
            String appId = app.path("applicationId").asText();
            assertThat(appId).matches("app-[0-9a-f]{12}");

            gms.call("auth.node", "{\"nodeId\":\"gm-1\",\"secret\":\"" + nodeSecret + "\"}");
            JsonNode lease = gms.call("registerService", "{\"serviceId\":\"gms-eu-1\",\"serviceType\":\"GM\",\"interface\":\"CSC-2\","
                    + "\"protocols\":[\"HTTP\"],\"version\":\"1.2\",\"scheme\":\"http\",\"host\":\"10.0.4.17\",\"port\":9080,"
                    + "\"basePath\":\"/gm\",\"ttlSeconds\":30,\"metadata\":{\"description\":\"Group management\",\"capabilities\":\"groups,members\"}}");
            assertThat(lease.at("/body/leaseId").asText()).startsWith("l-");

            try (RawClient application = new RawClient(backend.base(), "/csc14")) {
                JsonNode session = application.call("auth.application", "{\"applicationId\":\"" + appId + "\",\"secret\":\""
                        + app.path("secret").asText() + "\"}");
                assertThat(session.at("/body/name").asText()).isEqualTo("Dispatch board");
                JsonNode token = application.call("auth.user", "{\"mcServiceId\":\"alice\",\"password\":\"correct horse battery\"}");
                assertThat(token.at("/body/userToken").asText()).hasSizeGreaterThanOrEqualTo(43);

                JsonNode services = application.call("getServiceInformation", "{\"mcServiceId\":\"alice\",\"query\":{\"serviceType\":\"GM\"}}");
                assertThat(services.at("/body/result").asText()).isEqualTo("success");
                JsonNode gm = services.at("/body/services/0");
                assertThat(gm.path("description").asText()).isEqualTo("Group management");
                assertThat(gm.path("capabilities").toString()).isEqualTo("[\"groups\",\"members\"]");
                assertThat(services.toString()).doesNotContain("10.0.4.17").doesNotContain("9080");

                JsonNode asked = application.call("updateExternalApplicationAuthorization", "{\"mcServiceId\":\"alice\","
                        + "\"requestType\":\"authorize\",\"serviceCapabilities\":[{\"serviceType\":\"GM\",\"interface\":\"CSC-2\"}]}");
                assertThat(asked.at("/body/result").asText()).isEqualTo("pending");
                assertThat(asked.at("/body/reason").asText()).startsWith("waiting for an administrator's decision (auth-");

                JsonNode pending = console.call("applications.list", "{}").at("/body/applications/0/pendingAuthorizations/0");
                String authorizationId = pending.path("authorizationId").asText();
                assertThat(authorizationId).matches("auth-[0-9a-f]{12}");
                JsonNode decided = console.call("applications.decide", "{\"authorizationId\":\"" + authorizationId + "\",\"decision\":\"approve\"}");
                String profileId = decided.at("/body/applicationProfiles/0/applicationProfileId").asText();

                JsonNode notify = application.next();
                assertThat(notify.path("type").asText()).isEqualTo("notifyApplicationProfile");
                assertThat(notify.path("id").asText()).startsWith("n-");
                assertThat(notify.at("/body/applicationProfileId").asText()).isEqualTo(profileId);
                application.sendText("{\"v\":1,\"re\":\"" + notify.path("id").asText() + "\",\"type\":\"notifyApplicationProfile\",\"body\":{\"result\":\"success\"}}");

                JsonNode got = application.call("getApplicationProfile", "{\"applicationProfileId\":\"" + profileId + "\"}");
                JsonNode profile = got.at("/body/applicationProfile");
                assertThat(got.at("/body/result").asText()).isEqualTo("success");
                assertThat(profile.at("/serviceLocation/port").asInt()).isEqualTo(sasPort);
                assertThat(profile.at("/serviceLocation/basePath").asText()).isEqualTo("/services/" + profileId);
                assertThat(profile.path("applicationProfileIndex").asInt()).isEqualTo(1);
                assertThat(profile.path("version").asLong()).isEqualTo(1);
            }
        }
    }
}
