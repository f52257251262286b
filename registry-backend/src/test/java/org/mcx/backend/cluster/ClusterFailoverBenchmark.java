package org.mcx.backend.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.TestStores;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 13's failover figure: a node of three is killed with SIGKILL under write load, again and
 * again (a different node each round, restarted after), and the time from the kill until each
 * client that was on it is served again is taken: consoles and applications (the first answer to a
 * request sent after the kill), a service access server (the first refusal of a user whose access
 * was revoked through another node right after the kill: it has moved and is in sync again), and
 * the writer that was on it (its first acknowledged change). Prints p50/p99 over every round.
 *
 * <p>Not in {@code mvn verify} (its name is not a test's): run {@code benchmarks/cluster-failover.sh},
 * or {@code -Dtest=ClusterFailoverBenchmark -Dmcx.bench.kills=10}. The service access server runs with the
 * product's default grace (2 s): its requests answered other than 200 while it moved are counted.
 */
@Tag("benchmark")
class ClusterFailoverBenchmark {
    private static final Logger log = LoggerFactory.getLogger(ClusterFailoverBenchmark.class);
    private static final int KILLS = Integer.getInteger("mcx.bench.kills", 10);
    private static final int CONSOLES = 4;
    private static final int APPLICATIONS = 2;
    private static final long PATIENCE_MILLIS = 60_000;

    private final List<Duration> consoles = new CopyOnWriteArrayList<>();
    private final List<Duration> consoleEvents = new CopyOnWriteArrayList<>();
    private final List<Duration> applications = new CopyOnWriteArrayList<>();
    private final List<Duration> sas = new CopyOnWriteArrayList<>();
    private final List<Duration> writers = new CopyOnWriteArrayList<>();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final List<Duration> revocations = new CopyOnWriteArrayList<>();
    /** Per round, from the revocation's acknowledgement to the SAS's first refusal (negative: it was first). */
    private final List<Duration> sasLag = new CopyOnWriteArrayList<>();
    private final List<Integer> sasNotServed = new CopyOnWriteArrayList<>();

    @Test
    void killANodeUnderLoadAgainAndAgain(@TempDir Path dir) throws Exception {
        assumeTrue(TestStores.onPostgres(), "several nodes share a PostgreSQL database");
        String loadAtStart = loadAverage();
        try (Cluster cluster = Cluster.start(dir, 3); Scene scene = Scene.build(cluster, 1)) {
            String alice = scene.allowedUser("alice");
            String sasSecret = scene.sasSecret("sas-bench");
            for (int round = 0; round < KILLS; round++) {
                int victim = round % 3;
                round(cluster, scene, victim, alice, sasSecret, round);
                cluster.saveLogs(Path.of("target", "cluster-failover", "round-" + round));
                cluster.restart(victim); // the GM service's lease needs nothing: its client moved and heartbeats
            }
        }
        String report = report(loadAtStart, loadAverage());
        log.info("cluster failover, {} kills:\n{}", KILLS, report);
        Files.writeString(Files.createDirectories(Path.of("target")).resolve("cluster-failover.md"), report);
    }

    private void round(Cluster cluster, Scene scene, int victim, String alice, String sasSecret, int round)
            throws Exception {
        int next = (victim + 1) % 3;
        int last = (victim + 2) % 3;
        String canary = scene.allowedUser("canary-" + round);
        scene.admin(last); // connected beforehand: the revocation should not wait for a log-on
        List<AutoCloseable> closing = new ArrayList<>();
        try {
            List<RecordingConsole> onVictim = new ArrayList<>();
            for (int i = 0; i < CONSOLES; i++) {
                // Half move to one survivor, half to the other.
                onVictim.add(keep(closing, RecordingConsole.open("console-" + i, cluster,
                        i % 2 == 0 ? cluster.order(victim, next, last) : cluster.order(victim, last, next))));
            }
            List<RecordingApplication> apps = new ArrayList<>();
            for (int i = 0; i < APPLICATIONS; i++) {
                apps.add(keep(closing, RecordingApplication.open("field-" + i, cluster, scene.field,
                        i % 2 == 0 ? cluster.order(victim, next, last) : cluster.order(victim, last, next))));
            }
            SasNode node = keep(closing, SasNode.start("sas-bench", sasSecret, cluster.order(victim, next, last),
                    Duration.ofSeconds(2)));
            Writer moving = keep(closing, new Writer("users-" + round, Changes.newUsers(keep(closing,
                    scene.adminOn("writer-" + round, cluster.order(victim, next, last))), "r" + round)).start());
            Writer staying = keep(closing, new Writer("profiles-" + round, Changes.profileVersions(keep(closing,
                    scene.adminOn("profiles-" + round, cluster.order(next, last, victim))), scene.field.applicationId(),
                    scene.fieldProfileId)).start());
            // Also warms the test's HTTP client: its first request in a JVM takes a second or so.
            assertThat(node.get(scene.routeProfileId, canary)).as("served before the kill").isEqualTo(200);
            assertThat(node.get(scene.routeProfileId, alice)).isEqualTo(200);
            moving.awaitAcks(20, PATIENCE_MILLIS);
            staying.awaitAcks(20, PATIENCE_MILLIS);
            assertThat(onVictim).allMatch(c -> c.node() == victim);

            long killedAt = cluster.kill9(victim);
            List<CompletableFuture<Duration>> back = new ArrayList<>();
            for (RecordingConsole c : onVictim) {
                back.add(FailoverClock.servedAgain(c.client(), MessageType.PARTNERS_LIST, new Common.Empty(), killedAt,
                        PATIENCE_MILLIS).thenApply(d -> add(consoles, d)));
            }
            for (RecordingApplication a : apps) {
                back.add(FailoverClock.servedAgain(a.client(), MessageType.GET_APPLICATION_PROFILE,
                        new Csc14.GetApplicationProfile(scene.fieldProfileId, null), killedAt, PATIENCE_MILLIS)
                        .thenApply(d -> add(applications, d)));
            }
            scene.revoke(last, "canary-" + round);
            revocations.add(Duration.ofNanos(System.nanoTime() - killedAt));
            int[] notServed = new int[1];
            back.add(FailoverClock.until(() -> {
                boolean refused = node.get(scene.routeProfileId, canary) == 403; // first, not to be delayed
                if (node.get(scene.routeProfileId, alice) != 200) {
                    notServed[0]++;
                }
                return refused;
            }, "the SAS enforces the revocation", killedAt, PATIENCE_MILLIS).thenApply(d -> {
                sasLag.add(d.minus(revocations.get(revocations.size() - 1)));
                return add(sas, d);
            }));
            CompletableFuture.allOf(back.toArray(CompletableFuture[]::new)).join();
            sasNotServed.add(notServed[0]);
            moving.awaitAcks(moving.acks().size() + 20, PATIENCE_MILLIS);
            writers.add(Duration.ofNanos(moving.firstAckSentAfter(killedAt).atNanos() - killedAt));
            pauses.add(Duration.ofNanos(staying.longestPause(killedAt - 1_000_000_000L, killedAt + 5_000_000_000L)));
            for (RecordingConsole c : onVictim) {
                RecordingConsole.Received first = c.firstFromAnotherNode(victim, killedAt);
                if (first != null) {
                    consoleEvents.add(Duration.ofNanos(first.atNanos() - killedAt));
                }
                assertThat(c.events()).extracting(Common.Event::seq).isSorted().doesNotHaveDuplicates();
            }
            log.info("round {}: node {} killed; so far consoles {}, applications {}, SAS {}", round, victim,
                    FailoverClock.summary(consoles), FailoverClock.summary(applications), FailoverClock.summary(sas));
        } finally {
            for (int i = closing.size() - 1; i >= 0; i--) {
                closing.get(i).close();
            }
        }
    }

    private String report(String loadAtStart, String loadAtEnd) {
        StringBuilder md = new StringBuilder("cluster-failover, " + Instant.now() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, JDK " + System.getProperty("java.version")
                + ", load average " + loadAtStart + " at the start, " + loadAtEnd + " at the end; " + KILLS
                + " kills of one node of 3 under 2 writers\n\n"
                + "| served again after kill -9 | samples | p50 | p99 | max |\n|---|---|---|---|---|\n");
        Map<String, List<Duration>> rows = new LinkedHashMap<>();
        rows.put("console (first answer to a request sent after the kill)", consoles);
        rows.put("console (first event from another node)", consoleEvents);
        rows.put("application (first answer)", applications);
        rows.put("SAS (enforces a revocation made through another node after the kill)", sas);
        rows.put("(the revocation itself: acknowledged after)", revocations);
        rows.put("(the SAS's refusal after that acknowledgement)", sasLag);
        rows.put("writer on the killed node (first acknowledged change)", writers);
        rows.put("writer on a surviving node (longest pause between acknowledgements, kill -1 s to +5 s)", pauses);
        rows.forEach((what, d) -> md.append("| ").append(what).append(" | ").append(d.size()).append(" | ")
                .append(d.isEmpty() ? "-" : FailoverClock.percentile(d, 50) + " ms").append(" | ")
                .append(d.isEmpty() ? "-" : FailoverClock.percentile(d, 99) + " ms").append(" | ")
                .append(d.isEmpty() ? "-" : FailoverClock.percentile(d, 100) + " ms").append(" |\n"));
        md.append("\nSAS requests of a user nobody revoked answered other than 200 while it moved, per round: ")
                .append(sasNotServed).append('\n');
        return md.toString();
    }

    /** The 1-minute load average: a high one at the start means something else was running. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Duration add(List<Duration> samples, Duration d) {
        samples.add(d);
        return d;
    }

    private static <T extends AutoCloseable> T keep(List<AutoCloseable> closing, T resource) {
        closing.add(resource);
        return resource;
    }
}
