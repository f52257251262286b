package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** HTTP/1.1 as real clients speak it, through the proxy: bodies both ways, pipelining, HEAD, HTTP/1.0. */
class ProxyBehaviourTest extends SasTestBase {
    @Test
    void aLargeChunkedBodyStreamsThroughIntact() throws Exception {
        byte[] body = new byte[700_000];
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/groups"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body()).contains("\"bodyLength\":700000");
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        try (Socket s = new Socket("127.0.0.1", sas.port())) {
            s.setSoTimeout(10_000);
            String one = "GET /services/" + profileId + "/first HTTP/1.1\r\nHost: sas\r\nAuthorization: Bearer " + token + "\r\n\r\n";
            String two = one.replace("/first", "/second");
            String three = one.replace("/first", "/third").replace("HTTP/1.1\r\n", "HTTP/1.1\r\nConnection: close\r\n");
            s.getOutputStream().write((one + two + three).getBytes(StandardCharsets.US_ASCII));
            String all = new String(readAll(s.getInputStream()), StandardCharsets.UTF_8);

            assertThat(all.split("HTTP/1.1 200", -1)).hasSize(4);
            assertThat(all.indexOf("/gm/first")).isLessThan(all.indexOf("/gm/second"));
            assertThat(all.indexOf("/gm/second")).isLessThan(all.indexOf("/gm/third"));
        }
    }

    @Test
    void anHttp10ClientIsAnsweredAndTheConnectionClosed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", sas.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET /services/" + profileId + "/groups HTTP/1.0\r\nAuthorization: Bearer "
                    + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String all = new String(readAll(s.getInputStream()), StandardCharsets.UTF_8);

            assertThat(all).startsWith("HTTP/1.1 200").contains("/gm/groups").doesNotContain("secret-upstream");
        }
    }

    @Test
    void headGetsTheHeadersWithoutABody() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/groups")).header("Authorization", "Bearer " + token)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void anInstanceThatDoesNotAnswerInTimeIs504() throws Exception {
        try (AccessServer quick = AccessServer.start(AccessConfig.defaults("127.0.0.1", 0)
                .withTimeouts(Duration.ofSeconds(30), Duration.ofMillis(300)), registry.base(), "sas-1", sasSecret, null)) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + quick.port()
                    + "/services/" + profileId + "/hold")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(504);
            assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(quick.counters().snapshot().denied("upstream-timeout")).isEqualTo(1);
        } finally {
            upstreamA.release();
            upstreamB.release();
        }
    }

    private URI uri(String rest) {
        return URI.create("http://127.0.0.1:" + sas.port() + "/services/" + profileId + rest);
    }

    /** Everything until the server closes the connection (the socket's timeout fails the test otherwise). */
    private static byte[] readAll(InputStream in) throws Exception {
        return in.readAllBytes();
    }
}
