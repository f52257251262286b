package org.mcx.backend.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/**
 * The operators' port of a real backend: live, ready, and metrics that count what the protocol
 * listener answered; not ready as soon as it stops, before its connections close.
 */
class OpsServerTest {
    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void answersLivenessReadinessAndMetricsOfWhatTheListenerServed() throws Exception {
        int opsPort = freePort();
        try (BackendFixture backend = BackendFixture.start(dir, "mcx-ops", c -> c.withOps(new OpsSettings("127.0.0.1", opsPort)))) {
            URI ops = URI.create("http://127.0.0.1:" + backend.backend().opsServer().orElseThrow().port());
            assertThat(get(ops.resolve("/health/live"))).satisfies(r -> {
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("live\n");
            });
            assertThat(get(ops.resolve("/health/ready")).statusCode()).isEqualTo(200);

            try (ProtocolClient admin = ProtocolClient.builder(backend.base(), Endpoint.ACMC)
                    .authenticator(Authenticator.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD)).build()) {
                admin.connect().get(10, TimeUnit.SECONDS);
                admin.call(MessageType.NODES_CREATE, new Console.CreateNode("gm-node", Console.NodeKind.SERVICE),
                        Console.NodeCreated.class);
                admin.request(MessageType.NODES_CREATE, new Console.CreateNode("gm-node", Console.NodeKind.SERVICE),
                        Console.NodeCreated.class).handle((ok, failure) -> null).get(10, TimeUnit.SECONDS);
            }
            HttpResponse<String> metrics = get(ops.resolve("/metrics"));
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
            assertThat(metrics.body())
                    .contains("mcx_requests_seconds_count{outcome=\"ok\",system=\"mcx-ops\",type=\"nodes.create\"} 1")
                    .containsPattern("mcx_requests_seconds_count\\{outcome=\"[A-Z_]+\",system=\"mcx-ops\",type=\"nodes.create\"} 1")
                    .contains("mcx_listener_queued_bytes{system=\"mcx-ops\"}")
                    .contains("jvm_memory_used_bytes")
                    .doesNotContain(BackendFixture.ADMIN_PASSWORD);

            assertThat(get(ops.resolve("/nothing")).statusCode()).isEqualTo(404);
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(ops.resolve("/health/ready"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void aNodeThatIsStoppingOrCannotWriteIsNotReadyAndSaysWhy() {
        Readiness readiness = new Readiness().add("store", () -> "storage full: 1 MiB free");
        assertThat(readiness.problems()).isEqualTo(List.of("store: storage full: 1 MiB free"));
        Readiness fine = new Readiness().add("store", () -> null);
        assertThat(fine.problems()).isEmpty();
        fine.stopping();
        assertThat(fine.problems()).isEqualTo(List.of("stopping"));
        Readiness broken = new Readiness().add("store", () -> {
            throw new IllegalStateException("closed");
        });
        assertThat(broken.problems()).containsExactly("store: java.lang.IllegalStateException: closed");
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
