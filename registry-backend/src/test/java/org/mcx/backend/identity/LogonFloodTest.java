package org.mcx.backend.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.testing.RawClient.code;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.RawClient;
import org.mcx.backend.testing.RawWebSocket;

/**
 * Anonymous connections sending log-ons with random names as fast as they can, reconnecting
 * whenever they are closed: password hashing is bounded and shared out, so a correct log-on — a
 * console's or an application's for its user — is still answered at once, and nothing is left
 * queued once the flood stops. Hashes cost about 25 ms here (100,000 iterations), enough for an
 * unbounded queue to grow by seconds every second.
 */
class LogonFloodTest {
    private static final int ATTACKERS = 4;
    private static final long ANSWERED_WITHIN_MS = 5_000;

    @TempDir
    Path dataDir;
    private BackendFixture backend;
    private final AtomicBoolean flooding = new AtomicBoolean(true);
    private final AtomicLong attempts = new AtomicLong();
    private final List<Thread> attackers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        backend = BackendFixture.start(dataDir, "primary", c -> c.withIdentity(c.identity().withIterations(100_000)));
    }

    @AfterEach
    void stop() throws InterruptedException {
        flooding.set(false);
        for (Thread t : attackers) {
            t.join(10_000);
        }
        backend.close();
    }

    private void startFlood() {
        for (int i = 0; i < ATTACKERS; i++) {
            Thread t = new Thread(this::floodUntilStopped, "attacker-" + i);
            t.setDaemon(true);
            t.start();
            attackers.add(t);
        }
    }

    /** 200 log-ons a second with random names; a new connection whenever the server closes this one. */
    private void floodUntilStopped() {
        while (flooding.get()) {
            try (RawWebSocket ws = RawWebSocket.open(backend.base(), "/acmc", 0)) {
                Thread drain = new Thread(() -> drain(ws));
                drain.setDaemon(true);
                drain.start();
                while (flooding.get() && drain.isAlive()) {
                    String name = UUID.randomUUID().toString().substring(0, 12);
                    ws.sendText("{\"v\":1,\"id\":\"" + attempts.incrementAndGet() + "\",\"type\":\"auth.login\","
                            + "\"body\":{\"username\":\"" + name + "\",\"password\":\"guess\"}}");
                    TimeUnit.MILLISECONDS.sleep(5);
                }
            } catch (IOException closedUnderUs) {
                // the server closed the connection mid-write: reconnect, as a determined attacker would
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void drain(RawWebSocket ws) {
        try {
            while (ws.read() != null) {
                // reads everything, so the flood is not slowed by its own backlog
            }
        } catch (IOException gone) {
            // the connection ended
        }
    }

    private long timedLogin() throws Exception {
        try (RawClient console = new RawClient(backend.base(), "/acmc")) {
            long start = System.nanoTime();
            JsonNode reply = console.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(code(reply)).as("a correct log-on during the flood").isEmpty();
            return millis;
        }
    }

    @Test
    void correctLogOnsAreAnsweredDuringAndRightAfterAFlood() throws Exception {
        String appId;
        String appSecret;
        try (RawClient admin = new RawClient(backend.base(), "/acmc")) {
            admin.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD);
            admin.call("users.save", "{\"mcServiceId\":\"alice\",\"displayName\":\"Alice\",\"roles\":[],"
                    + "\"externalAccessAllowed\":true,\"allowedServices\":[\"GM\"],\"password\":\"alice-password\"}");
            JsonNode created = admin.call("applications.create", "{\"name\":\"Dispatch board\",\"trustedDomain\":false}");
            appId = created.path("body").path("applicationId").asText();
            appSecret = created.path("body").path("secret").asText();
        }
        try (RawClient application = new RawClient(backend.base(), "/csc14")) {
            assertThat(code(application.call("auth.application",
                    "{\"applicationId\":\"" + appId + "\",\"secret\":\"" + appSecret + "\"}"))).isEmpty();

            startFlood();
            long floodStart = System.nanoTime();
            while (attempts.get() < 500) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            for (int i = 0; i < 3; i++) {
                assertThat(timedLogin()).as("ms to a console's log-on, %d attempts in", attempts.get())
                        .isLessThan(ANSWERED_WITHIN_MS);
                long start = System.nanoTime();
                JsonNode token = application.call("auth.user", "{\"mcServiceId\":\"alice\",\"password\":\"alice-password\"}");
                assertThat(code(token)).as("an application's log-on for its user").isEmpty();
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(ANSWERED_WITHIN_MS);
            }
            long floodSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - floodStart);
            assertThat(backend.backend().listenerStats().floodersClosed())
                    .as("attackers closed with 4429 in %d s", floodSeconds).isGreaterThan(0);

            flooding.set(false);
            for (Thread t : attackers) {
                t.join(10_000);
            }
            assertThat(timedLogin()).as("ms to a log-on once the flood stopped").isLessThan(ANSWERED_WITHIN_MS);
        }
    }

    @Test
    void aConnectionThatIgnoresRateLimitedIsClosedWith4429EvenIfSomeRequestsAreAdmitted() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(backend.base(), "/acmc", 0)) {
            int sent = 0;
            try {
                for (; sent < 2_000; sent++) {
                    ws.sendText("{\"v\":1,\"id\":\"" + sent + "\",\"type\":\"auth.login\","
                            + "\"body\":{\"username\":\"u" + sent + "\",\"password\":\"p\"}}");
                    if (sent % 20 == 0) {
                        TimeUnit.MILLISECONDS.sleep(100); // long enough for a token: some get through
                    }
                }
            } catch (IOException closed) {
                // closed while still sending: what is expected
            }
            assertThat(ws.awaitEnd(10_000)).as("after %d frames", sent).isEqualTo(4429);
        }
    }
}
