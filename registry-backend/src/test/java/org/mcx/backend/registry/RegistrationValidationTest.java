package org.mcx.backend.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mcx.backend.testing.RawClient;

/**
 * Bodies no well-behaved service would send, written as raw JSON (the protocol records refuse to
 * hold them): each is refused with BAD_REQUEST naming the field, and nothing is registered.
 */
class RegistrationValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static RegistryTestKit kit;
    static RawClient raw;

    @BeforeAll
    static void start() throws Exception {
        kit = RegistryTestKit.start(dir);
        String secret = kit.createNode("node-raw");
        raw = new RawClient(kit.fixture.base(), "/registration");
        JsonNode auth = raw.call("auth.node", "{\"nodeId\":\"node-raw\",\"secret\":\"" + secret + "\"}");
        assertThat(auth.path("type").asText()).isEqualTo("auth.node");
    }

    @AfterAll
    static void stop() throws Exception {
        raw.close();
        kit.close();
    }

    static ObjectNode valid() {
        ObjectNode body = JSON.createObjectNode()
                .put("serviceId", "svc-1").put("serviceType", "MCPTT").put("interface", "MCPTT-1")
                .put("version", "1.0").put("scheme", "http").put("host", "10.0.0.1").put("port", 8080)
                .put("ttlSeconds", 30);
        body.putArray("protocols").add("HTTP");
        return body;
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "port        | 0          | body.port",
            "port        | 65536      | body.port",
            "port        | \"8080\"   | body.port",
            "ttlSeconds  | 4          | body.ttlSeconds",
            "ttlSeconds  | 301        | body.ttlSeconds",
            "ttlSeconds  | null       | body.ttlSeconds",
            "serviceType | \"TETRA\"  | body.serviceType",
            "interface   | \"MCPTT-9\"| body.interface",
            "interface   | \"\"       | body.interface",
            "serviceId   | \"a b\"    | body.serviceId",
            "host        | \"h/x\"    | body.host",
            "scheme      | \"ftp\"    | body.scheme",
            "protocols   | []         | body.protocols",
            "basePath    | \"api\"    | body.basePath",
    })
    void badFieldIsNamed(String field, String json, String expectedField) throws Exception {
        ObjectNode body = valid();
        body.set(field, JSON.readTree(json));

        JsonNode reply = raw.call("registerService", body.toString());

        assertThat(reply.path("type").asText()).as(reply.toString()).isEqualTo("error");
        assertThat(reply.path("body").path("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(reply.path("body").path("field").asText()).isEqualTo(expectedField);
        assertThat(kit.services(org.mcx.protocol.model.ServiceQuery.all()).services()).isEmpty();
    }

    @Test
    void missingServiceIdIsNamed() throws Exception {
        ObjectNode body = valid();
        body.remove("serviceId");

        JsonNode reply = raw.call("registerService", body.toString());

        assertThat(reply.path("body").path("field").asText()).isEqualTo("body.serviceId");
    }

    @Test
    void heartbeatWithoutLeaseIdIsNamed() throws Exception {
        JsonNode reply = raw.call("heartbeat", "{}");

        assertThat(reply.path("body").path("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(reply.path("body").path("field").asText()).isEqualTo("body.leaseId");
    }

    @ParameterizedTest
    @CsvSource({"5", "300"})
    void ttlBoundsAreAccepted(int ttl) throws Exception {
        ObjectNode body = valid().put("serviceId", "svc-ttl-" + ttl).put("ttlSeconds", ttl);

        JsonNode reply = raw.call("registerService", body.toString());

        assertThat(reply.path("type").asText()).as(reply.toString()).isEqualTo("registerService");
        assertThat(reply.path("body").path("ttlSeconds").asInt()).isEqualTo(ttl);
        raw.call("deregisterService", "{\"leaseId\":\"" + reply.path("body").path("leaseId").asText() + "\"}");
    }
}
