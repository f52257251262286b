package org.mcx.backend.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.RawClient;

/** services.list pages (limit, offset) through a stable order, and says how many match in all. */
class ServiceListingPagingTest {
    @TempDir
    Path dir;

    @Test
    void pagesCoverEveryInstanceOnceInOrder() throws Exception {
        try (BackendFixture backend = BackendFixture.start(dir);
             RawClient console = new RawClient(backend.base(), "/acmc");
             RawClient node = new RawClient(backend.base(), "/registration")) {
            console.login("admin", BackendFixture.ADMIN_PASSWORD);
            String secret = console.call("nodes.create", "{\"nodeId\":\"n\",\"kind\":\"service\"}").at("/body/secret").asText();
            node.call("auth.node", "{\"nodeId\":\"n\",\"secret\":\"" + secret + "\"}");
            for (int i = 0; i < 7; i++) {
                node.call("registerService", "{\"serviceId\":\"gm-" + i + "\",\"serviceType\":\"GM\",\"interface\":\"CSC-2\","
                        + "\"protocols\":[\"HTTP\"],\"version\":\"1\",\"scheme\":\"http\",\"host\":\"10.0.0." + i
                        + "\",\"port\":80,\"ttlSeconds\":60}");
            }
            JsonNode all = console.call("services.list", "{}").path("body");
            assertThat(all.path("total").asInt()).isEqualTo(7);
            List<String> paged = new ArrayList<>();
            for (int offset = 0; offset < 9; offset += 3) {
                JsonNode page = console.call("services.list", "{\"limit\":3,\"offset\":" + offset + "}").path("body");
                assertThat(page.path("total").asInt()).isEqualTo(7);
                page.path("services").forEach(s -> paged.add(s.path("serviceId").asText()));
            }
            List<String> whole = new ArrayList<>();
            all.path("services").forEach(s -> whole.add(s.path("serviceId").asText()));
            assertThat(paged).containsExactlyElementsOf(whole).hasSize(7);
            JsonNode bad = console.call("services.list", "{\"limit\":0}");
            assertThat(bad.at("/body/field").asText()).isEqualTo("body.limit");
        }
    }
}
