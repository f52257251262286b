package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.mcx.protocol.client.PinnedCertificate;
import org.mcx.server.SelfSignedCertificate;

/**
 * Clients that ask for 64 MiB answers and never read them, over HTTP/1.1 and HTTP/2: the SAS stops
 * reading an instance while its client's connection is full, so the memory it holds stays within a
 * bound in bytes (per connection, its write buffer's high mark and a read or two) instead of growing
 * with the answer, and other clients are served meanwhile.
 */
class SlowReaderTest extends SasTestBase {
    private static final int READERS = 6;
    private static final int CANCEL = 0x8;
    private static final long ANSWER = 64L * 1024 * 1024;
    /** What the SAS may hold for all the readers (of both kinds) together: some allocator chunks, far below one answer. */
    private static final long BOUND = 24L * 1024 * 1024;

    /** What Netty's allocator holds: in these tests, the SAS's buffers (the registry and the instances are Jetty). */
    static long nettyBytes() {
        ByteBufAllocatorMetric m = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
        return m.usedDirectMemory() + m.usedHeapMemory();
    }

    @Test
    void clientsThatNeverReadLeaveTheSasHoldingABoundedAmountOverHttp1AndHttp2() throws Exception {
        Path keystore = SelfSignedCertificate.ensure(dir.resolve("sas-tls"), "localhost");
        String password = SelfSignedCertificate.password(keystore);
        SSLContext tls = PinnedCertificate.trusting(SelfSignedCertificate.fingerprint(keystore, password));
        List<Socket> readers = new ArrayList<>();
        try (AccessServer secure = AccessServer.start(AccessConfig.defaults("127.0.0.1", 0).withTls(keystore, password)
                .withLimits(4096, 1000, 1000), registry.base(), "sas-1", sasSecret, null);
             RawH2 h2 = new RawH2(secure.port(), tls)) {
            for (int i = 0; i < READERS; i++) {
                Socket s = new Socket();
                s.setReceiveBufferSize(4096); // set before connecting, so the kernel does not grow it
                s.connect(new InetSocketAddress("127.0.0.1", sas.port()));
                s.getOutputStream().write(("GET /services/" + profileId + "/big HTTP/1.1\r\nHost: sas\r\nAuthorization: Bearer "
                        + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                readers.add(s);
            }
            h2.start(); // the default 64 KiB windows, never updated: at most 64 KiB of answers may come
            for (int stream = 1; stream < 2 * READERS; stream += 2) {
                h2.send(RawH2.frame(RawH2.HEADERS, RawH2.END_HEADERS | RawH2.END_STREAM, stream, RawH2.block(
                        ":method", "GET", ":scheme", "https", ":authority", "localhost",
                        ":path", "/services/" + profileId + "/big", "authorization", "Bearer " + token)));
            }
            assertBounded(() -> {
                assertThat(get("/services/" + profileId + "/groups", token, null).statusCode())
                        .as("another HTTP/1.1 client is served meanwhile").isEqualTo(200);
                try (RawH2 other = new RawH2(secure.port(), tls)) {
                    other.start().send(RawH2.frame(RawH2.HEADERS, RawH2.END_HEADERS | RawH2.END_STREAM, 1, RawH2.block(
                            ":method", "GET", ":scheme", "https", ":authority", "localhost",
                            ":path", "/services/" + profileId + "/groups", "authorization", "Bearer " + token)));
                    assertThat(other.decode(other.await(RawH2.HEADERS, 1)).status().toString())
                            .as("another HTTP/2 client is served meanwhile").isEqualTo("200");
                }
            });
        } finally {
            for (Socket s : readers) {
                s.close();
            }
        }
    }

    @Test
    void anHttp2StreamWhoseAnswerIsNeverReadIsResetAfterTheIdleTimeout() throws Exception {
        Path keystore = SelfSignedCertificate.ensure(dir.resolve("sas-tls"), "localhost");
        String password = SelfSignedCertificate.password(keystore);
        SSLContext tls = PinnedCertificate.trusting(SelfSignedCertificate.fingerprint(keystore, password));
        ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();
        try (AccessServer secure = AccessServer.start(AccessConfig.defaults("127.0.0.1", 0).withTls(keystore, password)
                .withLimits(4096, 1000, 1000).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(15)),
                registry.base(), "sas-1", sasSecret, null);
             RawH2 h2 = new RawH2(secure.port(), tls)) {
            h2.start(); // the default 64 KiB windows, never updated
            h2.send(RawH2.frame(RawH2.HEADERS, RawH2.END_HEADERS | RawH2.END_STREAM, 1, RawH2.block(
                    ":method", "GET", ":scheme", "https", ":authority", "localhost",
                    ":path", "/services/" + profileId + "/big", "authorization", "Bearer " + token)));
            // PINGs keep the connection busy, so only the stream's own deadline can end the stream.
            pinger.scheduleAtFixedRate(() -> {
                try {
                    h2.send(RawH2.frame(RawH2.PING, 0, 0, new byte[8]));
                } catch (IOException closed) {
                    pinger.shutdown(); // the connection is gone: the assertions below say whether it should be
                }
            }, 0, 300, TimeUnit.MILLISECONDS);
            assertThat(h2.decode(h2.await(RawH2.HEADERS, 1)).status().toString()).as("the answer starts").isEqualTo("200");
            RawH2.Frame reset = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> h2.await(RawH2.RST_STREAM, 1));
            assertThat(reset).as("the stream is reset").isNotNull();
            assertThat(reset.errorCode()).as("RST_STREAM code").isEqualTo(CANCEL);
            assertThat(secure.counters().snapshot().denied("slow-reader")).as("counted as a slow reader").isEqualTo(1);
            h2.send(RawH2.frame(RawH2.HEADERS, RawH2.END_HEADERS | RawH2.END_STREAM, 3, RawH2.block(
                    ":method", "GET", ":scheme", "https", ":authority", "localhost",
                    ":path", "/services/" + profileId + "/groups", "authorization", "Bearer " + token)));
            assertThat(h2.decode(h2.await(RawH2.HEADERS, 3)).status().toString()).as("the connection serves on")
                    .isEqualTo("200");
        } finally {
            pinger.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Check {
        void run() throws Exception;
    }

    /**
     * The answers start flowing from the instances; then, for 2 s, no answer may run away — pass
     * 32 MiB handed to the SAS, more than the socket buffers on its way can hold (without
     * back-pressure one gets there in a fraction of a second on loopback) — and what the SAS holds,
     * sampled as each 64 KiB piece leaves an instance, stays within {@link #BOUND}.
     */
    private void assertBounded(Check meanwhile) throws Exception {
        long before = nettyBytes();
        AtomicLong peak = new AtomicLong(before);
        CountDownLatch flowing = new CountDownLatch(1);
        CountDownLatch ranAway = new CountDownLatch(1);
        Runnable sample = () -> {
            peak.accumulateAndGet(nettyBytes(), Math::max);
            if (upstreamA.largeBytesWritten.get() + upstreamB.largeBytesWritten.get() >= 2 * READERS * 1024L * 1024) {
                flowing.countDown();
            }
            if (Math.max(upstreamA.largestAnswerWritten.get(), upstreamB.largestAnswerWritten.get()) > ANSWER / 2) {
                ranAway.countDown();
            }
        };
        upstreamA.onLargePiece = sample;
        upstreamB.onLargePiece = sample;
        assertThat(flowing.await(10, TimeUnit.SECONDS)).as("the answers started flowing").isTrue();
        meanwhile.run();
        assertThat(ranAway.await(2, TimeUnit.SECONDS)).as("an answer past 32 MiB taken by the SAS within 2 s").isFalse();
        assertThat(peak.get() - before).as("bytes the SAS came to hold").isLessThan(BOUND);
    }
}
