package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mcx.protocol.client.PinnedCertificate;
import org.mcx.server.SelfSignedCertificate;

/**
 * Malformed and abusive HTTP/2, frame by frame over TLS to the real SAS: bad prefaces, frames that
 * break the framing layer, header blocks that break HPACK or the header-list limit, malformed
 * requests, stream abuse (too many, going backwards, rapid reset), a body shorter or longer than
 * its content-length, trailers. Connection errors end in GOAWAY (or a
 * close), stream errors in RST_STREAM; nothing malformed reaches a service; the SAS serves after.
 */
class Http2HostileTest extends SasTestBase {
    private static final int PROTOCOL_ERROR = 1;
    private static final int STREAM_CLOSED = 5;
    private static final int FRAME_SIZE_ERROR = 6;
    private static final int REFUSED_STREAM = 7;
    private static final int CANCEL = 8;
    private static final int COMPRESSION_ERROR = 9;
    private static final int ENHANCE_YOUR_CALM = 11;

    private SSLContext tls;

    @Override
    AccessConfig config(AccessConfig defaults) {
        try {
            Path keystore = SelfSignedCertificate.ensure(dir.resolve("sas-tls"), "localhost");
            String password = SelfSignedCertificate.password(keystore);
            tls = PinnedCertificate.trusting(SelfSignedCertificate.fingerprint(keystore, password));
            return defaults.withTls(keystore, password).withLimits(4096, 1_000_000, 1_000_000)
                    .withIo(Transport.valueOf(System.getProperty("sas.io", "AUTO")), 0);
        } catch (Exception e) {
            throw new IllegalStateException("no TLS for the SAS under test", e);
        }
    }

    private RawH2 connect() throws IOException {
        return new RawH2(sas.port(), tls);
    }

    private String[] request(String method, String rest, String... more) {
        String[] base = {":method", method, ":scheme", "https", ":authority", "localhost", ":path",
                "/services/" + profileId + rest, "authorization", "Bearer " + token};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static byte[] headers(int stream, int flags, String... namesAndValues) {
        return RawH2.frame(RawH2.HEADERS, flags | RawH2.END_HEADERS, stream, RawH2.block(namesAndValues));
    }

    private int hits() {
        return upstreamA.hits.get() + upstreamB.hits.get();
    }

    /** A connection error: GOAWAY with one of these codes (or none at all) and the connection closed. */
    private void connectionError(RawH2 c, int... codes) throws IOException {
        RawH2.Frame goAway = c.untilClosed();
        if (goAway != null) {
            assertThat(codes).as("GOAWAY code").contains(goAway.errorCode());
        }
    }

    /** A stream error on this stream, and the connection still serves a valid request on the next one. */
    private void streamError(RawH2 c, int stream, int... codes) throws Exception {
        RawH2.Frame rst = c.await(RawH2.RST_STREAM, stream);
        assertThat(rst).as("RST_STREAM on stream " + stream).isNotNull();
        assertThat(codes).as("RST_STREAM code").contains(rst.errorCode());
        assertThat(status(c.send(headers(stream + 2, RawH2.END_STREAM, request("GET", "/groups"))), stream + 2))
                .as("the connection goes on").isEqualTo("200");
    }

    private static String status(RawH2 c, int stream) throws Exception {
        RawH2.Frame h = c.await(RawH2.HEADERS, stream);
        assertThat(h).as("a response on stream " + stream).isNotNull();
        Http2Headers decoded = c.decode(h);
        return decoded.status().toString();
    }

    private DynamicTest test(String name, Case body) {
        return DynamicTest.dynamicTest(name, () -> {
            int before = hits();
            Reach reach = body.run();
            assertThat(hits() - before).as("requests that reached a service").isBetween(reach.min, reach.max);
            received.requests.clear();
            LeakWatch.assertNoLeaks();
        });
    }

    /** How many requests of a case may reach a service. */
    private record Reach(int min, int max) {
        static Reach exactly(int n) {
            return new Reach(n, n);
        }
    }

    @FunctionalInterface
    private interface Case {
        Reach run() throws Exception;
    }

    @TestFactory
    Stream<DynamicTest> malformedAndAbusiveHttp2IsRefusedAtTheRightLevel() {
        return Stream.of(
                test("a bad preface", () -> {
                    try (RawH2 c = connect()) {
                        c.send("PRI * HTTP/2.0\r\n\r\nXX\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        connectionError(c, PROTOCOL_ERROR);
                    }
                    return Reach.exactly(0);
                }),
                test("HTTP/1.1 where HTTP/2 was negotiated", () -> {
                    try (RawH2 c = connect()) {
                        c.send(("GET /services/" + profileId + "/groups HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        connectionError(c, PROTOCOL_ERROR);
                    }
                    return Reach.exactly(0);
                }),
                test("DATA on stream 0", () -> {
                    try (RawH2 c = connect().start()) {
                        c.send(RawH2.frame(RawH2.DATA, 0, 0, new byte[] {'x'}));
                        connectionError(c, PROTOCOL_ERROR);
                    }
                    return Reach.exactly(0);
                }),
                test("HEADERS on an even (server) stream", () -> {
                    try (RawH2 c = connect().start()) {
                        c.send(headers(2, RawH2.END_STREAM, request("GET", "/groups")));
                        connectionError(c, PROTOCOL_ERROR);
                    }
                    return Reach.exactly(0);
                }),
                test("SETTINGS of a length that is not a multiple of 6", () -> {
                    try (RawH2 c = connect().start()) {
                        c.send(RawH2.frame(RawH2.SETTINGS, 0, 0, new byte[5]));
                        connectionError(c, FRAME_SIZE_ERROR);
                    }
                    return Reach.exactly(0);
                }),
                test("a WINDOW_UPDATE of 0 on the connection", () -> {
                    try (RawH2 c = connect().start()) {
                        c.send(RawH2.frame(RawH2.WINDOW_UPDATE, 0, 0, RawH2.int32(0)));
                        connectionError(c, PROTOCOL_ERROR);
                    }
                    return Reach.exactly(0);
                }),
                test("a frame over the maximum frame size", () -> {
                    try (RawH2 c = connect().start()) {
                        c.send(RawH2.frame(RawH2.HEADERS, RawH2.END_HEADERS, 1, new byte[20_000]));
                        connectionError(c, FRAME_SIZE_ERROR);
                    }
                    return Reach.exactly(0);
                }),
                test("a header block that is not HPACK", () -> {
                    try (RawH2 c = connect().start()) {
                        c.send(RawH2.frame(RawH2.HEADERS, RawH2.END_HEADERS | RawH2.END_STREAM, 1,
                                new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}));
                        connectionError(c, COMPRESSION_ERROR);
                    }
                    return Reach.exactly(0);
                }),
                test("an HPACK table size update past the limit", () -> {
                    ByteArrayOutputStream block = new ByteArrayOutputStream();
                    RawH2.integer(block, 0x20, 5, 1 << 20);
                    block.writeBytes(RawH2.block(request("GET", "/groups")));
                    try (RawH2 c = connect().start()) {
                        c.send(RawH2.frame(RawH2.HEADERS, RawH2.END_HEADERS | RawH2.END_STREAM, 1, block.toByteArray()));
                        connectionError(c, COMPRESSION_ERROR);
                    }
                    return Reach.exactly(0);
                }),
                test("CONTINUATION frames without end", () -> {
                    try (RawH2 c = connect().start()) {
                        CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
                            try {
                                c.send(RawH2.frame(RawH2.HEADERS, 0, 1, RawH2.block(request("GET", "/groups"))));
                                byte[] more = RawH2.frame(RawH2.CONTINUATION, 0, 1, RawH2.block("x-pad", "p".repeat(4000)));
                                for (int i = 0; i < 2000; i++) {
                                    c.send(more); // 8 MB unless the server stops it
                                }
                            } catch (IOException cutOff) {
                                // the server closed the connection: what this case wants
                            }
                        });
                        connectionError(c, PROTOCOL_ERROR, COMPRESSION_ERROR, ENHANCE_YOUR_CALM);
                        flood.get(10, TimeUnit.SECONDS);
                    }
                    return Reach.exactly(0);
                }),
                test("a header list over 8 KiB", () -> {
                    try (RawH2 c = connect().start()) {
                        c.send(headers(1, RawH2.END_STREAM, request("GET", "/groups", "x-pad", "p".repeat(10_000))));
                        RawH2.Frame f;
                        do {
                            f = c.read();
                        } while (f != null && !((f.type() == RawH2.HEADERS || f.type() == RawH2.RST_STREAM) && f.stream() == 1)
                                && f.type() != RawH2.GOAWAY);
                        assertThat(f).as("an answer, a reset or a GOAWAY").isNotNull();
                        if (f.type() == RawH2.HEADERS) {
                            assertThat(c.decode(f).status().toString()).isEqualTo("431");
                        }
                    }
                    return Reach.exactly(0);
                }),
                test("a request without :path", () -> {
                    try (RawH2 c = connect().start()) {
                        c.send(headers(1, RawH2.END_STREAM, ":method", "GET", ":scheme", "https", ":authority", "localhost"));
                        streamError(c, 1, PROTOCOL_ERROR);
                    }
                    return Reach.exactly(1);
                }),
                test("a request without :scheme", () -> {
                    try (RawH2 c = connect().start()) {
                        c.send(headers(1, RawH2.END_STREAM, ":method", "GET", ":authority", "localhost",
                                ":path", "/services/" + profileId + "/groups"));
                        streamError(c, 1, PROTOCOL_ERROR);
                    }
                    return Reach.exactly(1);
                }),
                test("a request without :method", () -> {
                    try (RawH2 c = connect().start()) {
                        c.send(headers(1, RawH2.END_STREAM, ":scheme", "https", ":authority", "localhost",
                                ":path", "/services/" + profileId + "/groups"));
                        streamError(c, 1, PROTOCOL_ERROR);
                    }
                    return Reach.exactly(1);
                }),
                test("an upper-case field name", () -> {
                    try (RawH2 c = connect().start()) {
                        c.send(headers(1, RawH2.END_STREAM, request("GET", "/groups", "X-Note", "1")));
                        streamError(c, 1, PROTOCOL_ERROR);
                    }
                    return Reach.exactly(1);
                }),
                test("a connection-specific field", () -> {
                    try (RawH2 c = connect().start()) {
                        c.send(headers(1, RawH2.END_STREAM, request("GET", "/groups", "connection", "keep-alive")));
                        streamError(c, 1, PROTOCOL_ERROR);
                    }
                    return Reach.exactly(1);
                }),
                test("te other than trailers", () -> {
                    try (RawH2 c = connect().start()) {
                        c.send(headers(1, RawH2.END_STREAM, request("GET", "/groups", "te", "gzip")));
                        streamError(c, 1, PROTOCOL_ERROR);
                    }
                    return Reach.exactly(1);
                }),
                test("a pseudo-header after a regular field", () -> {
                    try (RawH2 c = connect().start()) {
                        c.send(headers(1, RawH2.END_STREAM, "authorization", "Bearer " + token, ":method", "GET",
                                ":scheme", "https", ":authority", "localhost", ":path", "/services/" + profileId + "/groups"));
                        streamError(c, 1, PROTOCOL_ERROR);
                    }
                    return Reach.exactly(1);
                }),
                test("two different authorities (:authority and host)", () -> {
                    try (RawH2 c = connect().start()) {
                        c.send(headers(1, RawH2.END_STREAM, request("GET", "/groups", "host", "internal.example")));
                        RawH2.Frame f;
                        do {
                            f = c.read();
                        } while (f != null && !((f.type() == RawH2.HEADERS || f.type() == RawH2.RST_STREAM) && f.stream() == 1));
                        assertThat(f).isNotNull();
                        if (f.type() == RawH2.HEADERS) {
                            assertThat(c.decode(f).status().toString()).isEqualTo("400");
                        }
                    }
                    return Reach.exactly(0);
                }),
                test("TRACE", () -> {
                    try (RawH2 c = connect().start()) {
                        assertThat(status(c.send(headers(1, RawH2.END_STREAM, request("TRACE", "/groups"))), 1)).isEqualTo("501");
                    }
                    return Reach.exactly(0);
                }),
                test("a stream id lower than one already used", () -> {
                    try (RawH2 c = connect().start()) {
                        assertThat(status(c.send(headers(5, RawH2.END_STREAM, request("GET", "/groups"))), 5)).isEqualTo("200");
                        c.send(headers(3, RawH2.END_STREAM, request("GET", "/groups")));
                        // RFC 9113 §5.1.1 asks for a connection error; Netty resets the stream. Either refuses it.
                        RawH2.Frame f;
                        do {
                            f = c.read();
                        } while (f != null && f.type() != RawH2.GOAWAY && !(f.type() == RawH2.RST_STREAM && f.stream() == 3));
                        if (f != null) {
                            assertThat(f.errorCode()).isIn(PROTOCOL_ERROR, STREAM_CLOSED);
                        }
                    }
                    return Reach.exactly(1);
                }),
                test("more concurrent streams than the 128 allowed", () -> {
                    try (RawH2 c = connect().start()) {
                        c.await(RawH2.SETTINGS, 0); // read (and acknowledged): its limit now holds
                        for (int s = 1; s <= 261; s += 2) {
                            c.send(headers(s, 0, request("POST", "/groups", "content-length", "10")));
                        }
                        List<String> seen = new ArrayList<>();
                        RawH2.Frame rst = null;
                        try {
                            for (RawH2.Frame f = c.read(); f != null && rst == null; f = c.read()) {
                                seen.add(f.type() + "/" + f.stream() + "/" + f.flags());
                                rst = f.type() == RawH2.RST_STREAM ? f : null;
                            }
                        } catch (java.net.SocketTimeoutException e) {
                            throw new AssertionError("no RST_STREAM; frames seen (type/stream/flags): " + seen, e);
                        }
                        assertThat(rst).isNotNull();
                        assertThat(rst.stream()).as("a stream past the limit").isGreaterThan(255);
                        assertThat(rst.errorCode()).isIn(REFUSED_STREAM, PROTOCOL_ERROR);
                    }
                    return Reach.exactly(0);
                }),
                test("rapid reset", () -> {
                    try (RawH2 c = connect().start()) {
                        ByteArrayOutputStream burst = new ByteArrayOutputStream();
                        for (int s = 1; s <= 1999; s += 2) {
                            burst.writeBytes(headers(s, RawH2.END_STREAM, request("GET", "/groups")));
                            burst.writeBytes(RawH2.frame(RawH2.RST_STREAM, 0, s, RawH2.int32(CANCEL)));
                        }
                        try {
                            c.send(burst.toByteArray());
                        } catch (IOException cutOff) {
                            // closed while the burst was still being written
                        }
                        connectionError(c, ENHANCE_YOUR_CALM);
                    }
                    return new Reach(0, 1000); // a request may reach a service before its reset arrives
                }),
                test("a body shorter than its content-length", () -> {
                    try (RawH2 c = connect().start()) {
                        c.send(headers(1, 0, request("POST", "/groups", "content-length", "10")),
                                RawH2.frame(RawH2.DATA, RawH2.END_STREAM, 1, "abc".getBytes(StandardCharsets.US_ASCII)));
                        streamError(c, 1, PROTOCOL_ERROR);
                    }
                    return Reach.exactly(1); // the valid request after it
                }),
                test("a body longer than its content-length", () -> {
                    try (RawH2 c = connect().start()) {
                        c.send(headers(1, 0, request("POST", "/groups", "content-length", "2")),
                                RawH2.frame(RawH2.DATA, RawH2.END_STREAM, 1, "abc".getBytes(StandardCharsets.US_ASCII)));
                        streamError(c, 1, PROTOCOL_ERROR);
                    }
                    return Reach.exactly(1);
                }),
                test("trailer fields", () -> {
                    try (RawH2 c = connect().start()) {
                        c.send(headers(1, 0, request("POST", "/groups")),
                                RawH2.frame(RawH2.DATA, 0, 1, "abc".getBytes(StandardCharsets.US_ASCII)),
                                headers(1, RawH2.END_STREAM, "mc-service-id", "sip:admin@evil", "authorization", "Bearer stolen"));
                        assertThat(status(c, 1)).isEqualTo("201");
                    }
                    EchoUpstream.Seen seen = received.requests.poll(10, TimeUnit.SECONDS);
                    assertThat(seen.header("MC-Service-Id")).isEqualTo("alice");
                    assertThat(seen.trailers() == null || seen.trailers().size() == 0).isTrue();
                    assertThat(seen.headers().toString()).doesNotContain("evil").doesNotContain("stolen");
                    return Reach.exactly(1);
                }),
                test("a valid request after all that", () -> {
                    try (RawH2 c = connect().start()) {
                        assertThat(status(c.send(headers(1, RawH2.END_STREAM, request("GET", "/groups"))), 1)).isEqualTo("200");
                    }
                    return Reach.exactly(1);
                }));
    }
}
