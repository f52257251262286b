package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.mcx.server.SelfSignedCertificate;

/**
 * Floods through the real SAS, before and after authentication: more connections from one address
 * than allowed, pipelined requests from a client that never reads its answers (refused ones, then
 * authorized ones), and handshakes that are not TLS. Each is bounded — in connections, in bytes the
 * SAS holds, in time — and a client from another address is served during each.
 */
class FloodTest extends SasTestBase {
    private static final long BOUND = 24L * 1024 * 1024;

    @Override
    AccessConfig config(AccessConfig defaults) {
        return defaults.withLimits(4096, 1_000_000, 1_000_000).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    /** A request from 127.0.0.2: another client address than the flood's. */
    private int otherClientStatus() throws Exception {
        try (RawClient c = new RawClient(new Socket(InetAddress.getLoopbackAddress(), sas.port(),
                InetAddress.getByName("127.0.0.2"), 0), 10_000)) {
            return c.send("GET /services/" + profileId + "/groups HTTP/1.1\r\nHost: sas\r\nAuthorization: Bearer "
                    + token + "\r\nConnection: close\r\n\r\n").read().status();
        }
    }

    @Test
    void moreConnectionsFromOneAddressThanAllowedAreClosedAndOthersAreServed() throws Exception {
        int allowed = AccessConfig.defaults("127.0.0.1", 0).maxConnectionsPerAddress();
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < allowed + 44; i++) {
                flood.add(new Socket("127.0.0.1", sas.port()));
            }
            awaitTrue(() -> sas.counters().snapshot().denied("too-many-connections") == 44, "44 connections refused");
            assertThat(otherClientStatus()).isEqualTo(200);
            assertThat(sas.counters().snapshot().denied("too-many-connections")).as("no more than those").isEqualTo(44);
        } finally {
            for (Socket s : flood) {
                s.close();
            }
        }
    }

    @Test
    void aPipelinedFloodFromAClientThatNeverReadsIsBoundedBeforeAndAfterAuthentication() throws Exception {
        String refused = "GET /services/" + profileId + "/groups HTTP/1.1\r\nHost: s\r\n\r\n"; // no token: 401
        // 256 KiB answers: the socket buffers on the way fill after a few, and the backlog takes over
        String authorized = "GET /services/" + profileId + "/wide HTTP/1.1\r\nHost: s\r\nAuthorization: Bearer " + token + "\r\n\r\n";
        for (String request : List.of(refused, authorized)) {
            long received = sas.counters().snapshot().received();
            long before = SlowReaderTest.nettyBytes();
            AtomicLong peak = new AtomicLong(before);
            AtomicLong sent = new AtomicLong();
            byte[] batch = request.repeat(Math.max(1, 65_536 / request.length())).getBytes(StandardCharsets.US_ASCII);
            int perBatch = Math.max(1, 65_536 / request.length());
            try (Socket s = new Socket()) {
                s.setReceiveBufferSize(4096);
                s.connect(new InetSocketAddress("127.0.0.1", sas.port()));
                OutputStream out = s.getOutputStream();
                CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
                    try {
                        for (int i = 0; i < 2000; i++) { // at most 128 MB; the SAS stops reading long before
                            out.write(batch);
                            sent.addAndGet(perBatch);
                            peak.accumulateAndGet(SlowReaderTest.nettyBytes(), Math::max);
                        }
                    } catch (IOException closed) {
                        // the SAS closed the connection: the flood is over
                    }
                });
                awaitTrue(() -> sas.counters().snapshot().received() - received > 10, "the flood reached the SAS");
                assertThat(otherClientStatus()).as("another client during the flood").isEqualTo(200);
                flood.get(30, TimeUnit.SECONDS); // ends when the SAS gives up on the client (head deadline: 2 s)
            }
            long read = sas.counters().snapshot().received() - received;
            assertThat(read).as("requests the SAS read of the %d sent", sent.get()).isLessThan(sent.get());
            assertThat(peak.get() - before).as("bytes the SAS came to hold").isLessThan(BOUND);
        }
        assertThat(sas.counters().snapshot().denied("slow-reader")).as("let go for taking nothing of its answers")
                .isPositive();
        assertThat(otherClientStatus()).isEqualTo(200);
    }

    @Test
    void handshakesThatAreNotTlsAreCountedAndCostNothingElse() throws Exception {
        Path keystore = SelfSignedCertificate.ensure(dir.resolve("sas-tls"), "localhost");
        try (AccessServer secure = AccessServer.start(AccessConfig.defaults("127.0.0.1", 0)
                .withTls(keystore, SelfSignedCertificate.password(keystore)), registry.base(), "sas-1", sasSecret, null)) {
            for (int i = 0; i < 50; i++) {
                try (Socket s = new Socket("127.0.0.1", secure.port())) {
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    try {
                        while (s.getInputStream().read() >= 0) {
                            continue; // a TLS alert, if any, then the close
                        }
                    } catch (IOException reset) {
                        // closed with a reset: as good
                    }
                }
            }
            awaitTrue(() -> secure.counters().snapshot().denied("bad-tls") == 50, "50 failed handshakes counted");
        }
    }

    /** Waits (up to 10 s) for a condition on the SAS's counters, which notify nobody: looks every millisecond. */
    private static void awaitTrue(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(end);
            LockSupport.parkNanos(1_000_000);
        }
    }
}
