package org.mcx.backend.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.testing.RawClient.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.RawClient;
import org.mcx.backend.testing.RawWebSocket;

/**
 * Peers that do not read what they are sent: a VIEWER asking for large lists without reading the
 * answers, a console whose events pile up. The bytes waiting for a peer are bounded, reading from
 * it pauses while it is behind, and it is dropped — while everybody else is served as usual.
 */
class SlowPeerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int APPLICATIONS = 400;

    @TempDir
    Path dataDir;
    private BackendFixture backend;
    private final AtomicBoolean sampling = new AtomicBoolean(true);
    private final AtomicLong mostQueued = new AtomicLong();

    private void start(ConnectionLimits limits) throws Exception {
        backend = BackendFixture.start(dataDir, "primary", c -> c.withConnectionLimits(limits));
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                mostQueued.accumulateAndGet(backend.backend().listenerStats().queuedBytes(), Math::max);
                Thread.onSpinWait();
            }
        }, "queued-bytes-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    @AfterEach
    void stop() {
        sampling.set(false);
        if (backend != null) {
            backend.close();
        }
    }

    /** Makes a VIEWER and enough applications that one applications.list answer is large; returns its size. */
    private int viewerAndManyApplications() throws Exception {
        try (RawClient admin = new RawClient(backend.base(), "/acmc")) {
            admin.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD);
            admin.call("users.save", "{\"mcServiceId\":\"vera\",\"displayName\":\"Vera\",\"roles\":[\"VIEWER\"],"
                    + "\"externalAccessAllowed\":false,\"allowedServices\":[],\"password\":\"vera-password\"}");
            for (int i = 0; i < APPLICATIONS; i++) {
                if (i % 200 == 0 && i > 0) {
                    assertThat(code(admin.awaitReply("a-" + (i - 1)))).isEmpty(); // stay under 256 in flight
                }
                admin.sendText("{\"v\":1,\"id\":\"a-" + i + "\",\"type\":\"applications.create\",\"body\":{\"name\":\""
                        + "Dispatch board number " + i + " of the northern district\",\"trustedDomain\":false}}");
            }
            for (int i = 0; i < APPLICATIONS; i++) {
                if (i % 200 != 199) {
                    assertThat(code(admin.awaitReply("a-" + i))).isEmpty();
                }
            }
            return admin.call("applications.list", "{}").toString().length();
        }
    }

    private RawWebSocket loggedInViewerThatReadsNothing() throws Exception {
        RawWebSocket ws = RawWebSocket.open(backend.base(), "/acmc", 4096);
        ws.sendText("{\"v\":1,\"id\":\"login\",\"type\":\"auth.login\",\"body\":{\"username\":\"vera\",\"password\":\"vera-password\"}}");
        JsonNode reply = JSON.readTree(ws.readText());
        assertThat(reply.path("re").asText()).isEqualTo("login");
        assertThat(code(reply)).isEmpty();
        return ws;
    }

    @Test
    void aViewerAskingForLargeListsWithoutReadingIsDroppedAtItsByteBound() throws Exception {
        long bound = 2L << 20;
        start(ConnectionLimits.perPeer(bound).withSlowPeerTimeout(Duration.ofMinutes(5)));
        int answer = viewerAndManyApplications();
        try (RawWebSocket attacker = loggedInViewerThatReadsNothing();
             RawClient bystander = new RawClient(backend.base(), "/acmc")) {
            bystander.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD);
            for (int i = 0; i < 200; i++) {
                attacker.sendText("{\"v\":1,\"id\":\"l-" + i + "\",\"type\":\"applications.list\",\"body\":{}}");
            }
            await(() -> backend.backend().listenerStats().slowPeersDropped() == 1, "the attacker is dropped");

            assertThat(mostQueued.get()).as("bytes ever queued for all peers (answer %d bytes)", answer)
                    .isLessThanOrEqualTo(bound + answer); // the attacker's bound, and the bystander's one answer
            await(() -> backend.backend().listenerStats().queuedBytes() == 0, "its backlog is freed");
            assertThat(code(bystander.call("applications.list", "{}"))).isEmpty();
            int answered = 0;
            while (attacker.readText() != null) {
                answered++;
            }
            assertThat(answered).as("answers the attacker got before the connection ended").isLessThan(200);
        }
    }

    @Test
    void readingPausesWhileAPeerIsBehindAndItIsDroppedWhenItStaysBehind() throws Exception {
        long bound = 64L << 20;
        ConnectionLimits limits = ConnectionLimits.perPeer(bound).withSlowPeerTimeout(Duration.ofSeconds(1));
        start(limits);
        int answer = viewerAndManyApplications();
        try (RawWebSocket attacker = loggedInViewerThatReadsNothing()) {
            for (int i = 0; i < 300 && backend.backend().listenerStats().slowPeersDropped() == 0; i++) {
                attacker.sendText("{\"v\":1,\"id\":\"l-" + i + "\",\"type\":\"applications.list\",\"body\":{}}");
                TimeUnit.MILLISECONDS.sleep(10); // paced: each request is read only if the peer is not behind
            }
            await(() -> backend.backend().listenerStats().slowPeersDropped() == 1, "the attacker is dropped");
            // Not 300 answers queued (~22 MB): reading stopped once the backlog passed the pause level.
            // Requests read before that are still answered; how many depends on how fast this machine
            // answers one against the 10 ms pace (4 on a quiet machine, 5 seen under load): 16 at most.
            assertThat(mostQueued.get()).as("bytes ever queued (answer %d bytes)", answer)
                    .isLessThanOrEqualTo(limits.pauseReadingAt() + 16L * answer);
        }
    }

    @Test
    void aConsoleThatReadsNoEventsIsDroppedAndTheWriterNeverNotices() throws Exception {
        start(ConnectionLimits.perPeer(64 << 10).withSlowPeerTimeout(Duration.ofSeconds(1)));
        try (RawWebSocket watcher = RawWebSocket.open(backend.base(), "/acmc", 4096);
             RawClient admin = new RawClient(backend.base(), "/acmc")) {
            watcher.sendText("{\"v\":1,\"id\":\"login\",\"type\":\"auth.login\",\"body\":{\"username\":\"admin\",\"password\":\""
                    + BackendFixture.ADMIN_PASSWORD + "\"}}");
            assertThat(watcher.readText()).contains("\"re\":\"login\"");
            watcher.sendText("{\"v\":1,\"id\":\"sub\",\"type\":\"events.subscribe\",\"body\":{\"topics\":[\"\"]}}");
            assertThat(watcher.readText()).contains("\"re\":\"sub\"");
            admin.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD);
            int created = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (backend.backend().listenerStats().slowPeersDropped() == 0 && System.nanoTime() < deadline) {
                for (int i = 0; i < 100; i++) {
                    admin.sendText("{\"v\":1,\"id\":\"a-" + (created + i) + "\",\"type\":\"applications.create\",\"body\":{\"name\":\"Board "
                            + "x".repeat(80) + (created + i) + "\",\"trustedDomain\":false}}");
                }
                for (int i = 0; i < 100; i++) {
                    assertThat(code(admin.awaitReply("a-" + (created + i)))).isEmpty();
                }
                created += 100;
            }
            assertThat(backend.backend().listenerStats().slowPeersDropped()).as("after %d changes", created).isEqualTo(1);
            assertThat(watcher.awaitEnd(10_000)).isEqualTo(1006);
        }
    }

    @Test
    void aBinaryFrameIsRefusedWith1003WhateverItHolds() throws Exception {
        start(ConnectionLimits.defaults());
        try (RawWebSocket ws = RawWebSocket.open(backend.base(), "/acmc", 0)) {
            byte[] validRequest = ("{\"v\":1,\"id\":\"b\",\"type\":\"auth.login\",\"body\":{\"username\":\"admin\",\"password\":\""
                    + BackendFixture.ADMIN_PASSWORD + "\"}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ws.sendFrame(true, RawWebSocket.BINARY, validRequest, true);
            assertThat(ws.awaitEnd(5000)).isEqualTo(1003);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }
}
