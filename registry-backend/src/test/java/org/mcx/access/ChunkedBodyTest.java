package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Chunked bodies written byte by byte, through the real proxy: one the decoder finds malformed
 * part-way never becomes a complete request at the instance (read whole first when small, the
 * upstream connection reset before its end when large), and trailer fields never pass.
 */
class ChunkedBodyTest extends SasTestBase {
    /** Bodies that start well and go wrong, as a client might send them. */
    private static final Map<String, String> MALFORMED = new LinkedHashMap<>();

    static {
        MALFORMED.put("a size that is not hex after a good chunk", "3\r\nabc\r\nzz\r\n");
        MALFORMED.put("a size with a 0x prefix", "0x3\r\nabc\r\n0\r\n\r\n");
        MALFORMED.put("a negative size", "-1\r\nabc\r\n0\r\n\r\n");
        MALFORMED.put("a size past 64 bits after a good chunk", "3\r\nabc\r\n10000000000000000003\r\nabc\r\n0\r\n\r\n");
        MALFORMED.put("chunk data longer than its size", "3\r\nabcXX\r\n0\r\n\r\n");
        MALFORMED.put("a size line ended by LF alone", "3\nabc\r\n0\r\n\r\n");
        MALFORMED.put("a trailer line without a colon", "3\r\nabc\r\n0\r\nnot a field\r\n\r\n");
        MALFORMED.put("a size followed by a space and no extension", "3 \r\nabc\r\n0\r\n\r\n");
    }

    private String head(String rest) {
        return "POST /services/" + profileId + rest + " HTTP/1.1\r\nHost: sas\r\nAuthorization: Bearer " + token
                + "\r\nTransfer-Encoding: chunked\r\n\r\n";
    }

    @Test
    void aMalformedSmallBodyIsRefusedAndNothingReachesTheService() throws Exception {
        for (Map.Entry<String, String> c : MALFORMED.entrySet()) {
            try (RawClient client = new RawClient(sas.port())) {
                client.send(head("/groups/7/members") + c.getValue());
                RawClient.Response r = client.read();
                if (r != null) {
                    assertThat(r.status()).as(c.getKey()).isEqualTo(400);
                    assertThat(r.header("Content-Type")).as(c.getKey()).isEqualTo("application/problem+json");
                    assertThat(r.text()).as(c.getKey()).contains("chunked body");
                    assertThat(r.closes()).as(c.getKey()).isTrue();
                }
                assertThat(client.closedByServer()).as(c.getKey()).isTrue();
            }
        }
        assertThat(upstreamA.hits.get() + upstreamB.hits.get()).as("requests that reached a service").isZero();
        assertThat(sas.counters().snapshot().denied("bad-body")).isEqualTo(MALFORMED.size());

        try (RawClient client = new RawClient(sas.port())) {
            RawClient.Response ok = client.send(head("/groups/7/members") + "3\r\nabc\r\n0\r\n\r\n").read();
            assertThat(ok.status()).as("a good chunked body afterwards").isEqualTo(201);
        }
        EchoUpstream.Seen good = received.requests.poll(10, TimeUnit.SECONDS);
        assertThat(good.complete()).isTrue();
        assertThat(new String(good.body(), StandardCharsets.US_ASCII)).isEqualTo("abc");
        assertThat(good.header("Content-Length")).as("a body read whole goes up with its length").isEqualTo("3");
        assertThat(good.header("Transfer-Encoding")).isNull();
    }

    @Test
    void aLargeBodyThatGoesWrongLeavesTheServiceWithAnIncompleteRequest() throws Exception {
        // Past 64 KiB the body streams, so the service has part of it when the fault arrives.
        String good = goodChunks(100 * 1024);
        for (String bad : List.of("zz\r\n", "5\r\nabcdefgh\r\n0\r\n\r\n")) {
            try (RawClient client = new RawClient(sas.port())) {
                client.send(head("/groups/7/members") + good);
                assertThat(received.heads.tryAcquire(10, TimeUnit.SECONDS)).as("the head reached a service").isTrue();
                client.send(bad);
                RawClient.Response r = client.read();
                if (r != null) {
                    assertThat(r.status()).isEqualTo(400);
                }
                assertThat(client.closedByServer()).isTrue();
            }
        }
        List<EchoUpstream.Seen> partial = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            partial.add(received.requests.poll(10, TimeUnit.SECONDS));
        }
        assertThat(partial).as("both reached a service only in part").allSatisfy(s -> {
            assertThat(s).isNotNull();
            assertThat(s.complete()).as("a complete request at the service").isFalse();
            assertThat(s.body().length).as("streamed, not held").isGreaterThan(Exchange.WHOLE_BODY_BYTES);
        });
        assertThat(received.requests).as("nothing else reached a service").isEmpty();
    }

    @Test
    void trailerFieldsNeverReachTheService() throws Exception {
        String trailers = "0\r\nMC-Service-Id: sip:admin@evil\r\nAuthorization: Bearer stolen\r\nMC-Priority: emergency\r\n"
                + "X-Note: anything\r\n\r\n";
        for (String body : List.of("3\r\nabc\r\n", goodChunks(100 * 1024))) {
            try (RawClient client = new RawClient(sas.port())) {
                RawClient.Response r = client.send(head("/groups/7/members") + body + trailers).read();
                assertThat(r.status()).isEqualTo(201);
            }
            EchoUpstream.Seen got = received.requests.poll(10, TimeUnit.SECONDS);
            assertThat(got.complete()).isTrue();
            assertThat(got.trailers() == null || got.trailers().size() == 0).as("trailers at the service: %s",
                    got.trailers()).isTrue();
            assertThat(got.header("MC-Service-Id")).isEqualTo("alice");
            assertThat(got.header("MC-Priority")).isEqualTo("normal");
            assertThat(got.header("Authorization")).isNull();
            assertThat(got.headers().toString()).doesNotContain("evil").doesNotContain("stolen").doesNotContain("X-Note");
        }
    }

    /** Chunks of 8 KiB adding up to {@code total} bytes, without the last chunk. */
    private static String goodChunks(int total) {
        StringBuilder b = new StringBuilder();
        for (int sent = 0; sent < total; sent += 8192) {
            int n = Math.min(8192, total - sent);
            b.append(Integer.toHexString(n)).append("\r\n").append("b".repeat(n)).append("\r\n");
        }
        return b.toString();
    }
}
