package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/**
 * The same proxy over each way of reaching the kernel: io_uring is the default where allowed, but
 * epoll and NIO are what a locked-down host or another OS gets, so they must not rot unseen.
 */
class TransportsTest extends SasTestBase {

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"IO_URING", "EPOLL", "NIO"})
    void forwardsRefusesStreamsAndFailsOverOnEveryTransport(Transport transport) throws Exception {
        assumeTrue(transport.available(), transport + " is not available on this machine");
        String secret = admin.call(MessageType.NODES_CREATE, new Console.CreateNode("sas-" + transport.name().toLowerCase(),
                Console.NodeKind.SAS), Console.NodeCreated.class).secret();
        try (AccessServer node = AccessServer.start(AccessConfig.defaults("127.0.0.1", 0).withLimits(4096, 1000, 1000)
                .withIo(transport, 1), registry.base(), "sas-" + transport.name().toLowerCase(), secret, null)) {
            String base = "http://127.0.0.1:" + node.port() + "/services/" + profileId;

            HttpResponse<String> ok = send(HttpRequest.newBuilder(URI.create(base + "/groups"))
                    .header("Authorization", "Bearer " + token).header("MC-Priority", "emergency").GET());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("\"mcServiceId\":\"alice\"").contains("\"priority\":\"emergency\"");
            assertThat(ok.headers().firstValue("Server")).isEmpty();

            HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(base + "/groups")).GET());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type")).contains("application/problem+json");

            HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(base + "/groups/7/members"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("m".repeat(300_000))));
            assertThat(posted.statusCode()).isEqualTo(201);
            assertThat(posted.body()).contains("\"bodyLength\":300000");
            assertThat(posted.headers().firstValue("Location")).contains("/services/" + profileId + "/groups/7");

            upstreamA.close(); // refused connections must be recognised as such to move on to instance b
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> moved = send(HttpRequest.newBuilder(URI.create(base + "/groups"))
                        .header("Authorization", "Bearer " + token).GET());
                assertThat(moved.statusCode()).as("request %d after instance a died", i).isEqualTo(200);
                assertThat(moved.body()).contains("\"instance\":\"b\"");
            }
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
