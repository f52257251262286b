package org.mcx.bench.soak;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mcx.backend.store.Database;
import org.mcx.backend.store.Sql;
import org.mcx.bench.TempDirs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The long soak behind issue 10's hostile-input suite, against the backend as its own process:
 * many connections and their memory, peers that never read, kill -9 under writers, and a log-on
 * flood at the real password cost. Prints markdown tables; exits non-zero if an acknowledged write
 * was lost, a slow peer was not dropped, or a log-on went unanswered.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Connections and memory per connection, slow readers, kill -9 under writers, log-on flood.")
public final class SoakBench implements java.util.concurrent.Callable<Integer> {
    private static final Pattern APP_ID = Pattern.compile("\"applicationId\":\"([^\"]+)\"");

    @Spec
    CommandSpec spec;

    @Option(names = "--connections", defaultValue = "10000", description = "Authenticated connections held at once. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--slow-peers", defaultValue = "50", description = "Consoles that subscribe to every event and never read. Default: ${DEFAULT-VALUE}.")
    int slowPeers;

    @Option(names = "--kill-cycles", defaultValue = "20", description = "kill -9 cycles under writers. Default: ${DEFAULT-VALUE}.")
    int killCycles;

    @Option(names = "--writers", defaultValue = "8", description = "Writers during each kill cycle. Default: ${DEFAULT-VALUE}.")
    int writers;

    @Option(names = "--flood-seconds", defaultValue = "20", description = "Length of the log-on flood. Default: ${DEFAULT-VALUE}.")
    int floodSeconds;

    @Option(names = "--phases", split = ",", defaultValue = "connections,slow-readers,kill-9,logon-flood",
            description = "Which phases, in this order. Default: ${DEFAULT-VALUE}.")
    List<String> phases;

    private PrintWriter out;
    private boolean failed;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        out.printf("# soak%n%n%s, %d cores, load %.2f%n%n", java.time.Instant.now(), Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (String phase : phases) {
            switch (phase) {
                case "connections" -> connectionsAndMemory();
                case "slow-readers" -> slowReaders();
                case "kill-9" -> killNineUnderWriters();
                case "logon-flood" -> logOnFlood();
                default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no phase " + phase);
            }
        }
        out.flush();
        return failed ? 1 : 0;
    }

    // ------------------------------------------------------------------ connections

    private void connectionsAndMemory() throws Exception {
        Path dir = Files.createTempDirectory("mcx-soak-");
        try (ChildBackend backend = ChildBackend.start(dir, 0, 1000, "1g")) {
            String[] app = application(backend);
            long rssBefore = backend.residentBytes();
            long heapBefore = backend.heapUsedAfterGc();
            List<WsSocket> held = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger refused = new AtomicInteger();
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int share = connections / 8 + (t < connections % 8 ? 1 : 0);
                work.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        try {
                            WsSocket ws = WsSocket.open(backend.base(), "/csc14", 0);
                            String answer = ws.call("a", "auth.application",
                                    "{\"applicationId\":\"" + app[0] + "\",\"secret\":\"" + app[1] + "\"}");
                            if (answer.contains("\"error\"")) {
                                refused.incrementAndGet();
                            }
                            held.add(ws);
                        } catch (IOException e) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();
            double openSeconds = (System.nanoTime() - start) / 1e9;
            long rssHeld = backend.residentBytes();
            long heapHeld = backend.heapUsedAfterGc();
            long answerMicros;
            try (WsSocket admin = WsSocket.open(backend.base(), "/acmc", 0)) {
                admin.call("l", "auth.login", "{\"username\":\"admin\",\"password\":\"" + ChildBackend.ADMIN_PASSWORD + "\"}");
                long t0 = System.nanoTime();
                admin.call("u", "users.list", "{}");
                answerMicros = (System.nanoTime() - t0) / 1000;
            }
            held.forEach(WsSocket::close);
            int n = held.size();
            out.printf("## %,d authenticated connections (/csc14), backend -Xmx1g%n%n", connections);
            out.println("| connections held | refused or failed | time to open and authenticate | backend RSS before → held | per connection | heap after GC before → held | per connection | an admin request meanwhile |");
            out.println("|---|---|---|---|---|---|---|---|");
            out.printf("| %,d | %d | %.1f s | %d → %d MB | %.1f kB | %d → %d MB | %.1f kB | %,d µs |%n%n", n, refused.get(), openSeconds,
                    rssBefore >> 20, rssHeld >> 20, (rssHeld - rssBefore) / 1024.0 / Math.max(1, n),
                    heapBefore >> 20, heapHeld >> 20, (heapHeld - heapBefore) / 1024.0 / Math.max(1, n), answerMicros);
            failed |= n < connections || refused.get() > 0;
        } finally {
            TempDirs.delete(dir);
        }
    }

    // ------------------------------------------------------------------ slow readers

    private void slowReaders() throws Exception {
        Path dir = Files.createTempDirectory("mcx-soak-");
        try (ChildBackend backend = ChildBackend.start(dir, 0, 1000, "512m")) {
            List<WsSocket> silent = new ArrayList<>();
            for (int i = 0; i < slowPeers; i++) {
                WsSocket ws = WsSocket.open(backend.base(), "/acmc", 4096);
                ws.call("l", "auth.login", "{\"username\":\"admin\",\"password\":\"" + ChildBackend.ADMIN_PASSWORD + "\"}");
                ws.call("s", "events.subscribe", "{\"topics\":[\"\"]}");
                silent.add(ws); // from now on it reads nothing
            }
            long rssBefore = backend.residentBytes();
            int changes = 0;
            long start = System.nanoTime();
            try (WsSocket admin = WsSocket.open(backend.base(), "/acmc", 0)) {
                admin.call("l", "auth.login", "{\"username\":\"admin\",\"password\":\"" + ChildBackend.ADMIN_PASSWORD + "\"}");
                while (backend.linesContaining("is not reading") < slowPeers && changes < 200_000
                        && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(120)) {
                    admin.call("c" + changes, "applications.create", "{\"name\":\"Board " + "x".repeat(150) + changes
                            + "\",\"trustedDomain\":false}");
                    changes++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long rssAfter = backend.residentBytes();
            long heapAfter = backend.heapUsedAfterGc();
            int dropped = backend.linesContaining("is not reading");
            silent.forEach(WsSocket::close);
            out.printf("## %d consoles subscribed to every event that never read%n%n", slowPeers);
            out.println("| changes made (events) | time | slow peers dropped | backend RSS before → after | heap after GC at the end | writer's rate |");
            out.println("|---|---|---|---|---|---|");
            out.printf("| %,d | %.1f s | %d of %d | %d → %d MB | %d MB | %.0f changes/s |%n%n", changes, seconds, dropped, slowPeers,
                    rssBefore >> 20, rssAfter >> 20, heapAfter >> 20, changes / seconds);
            failed |= dropped < slowPeers;
        } finally {
            TempDirs.delete(dir);
        }
    }

    // ------------------------------------------------------------------ kill -9

    private void killNineUnderWriters() throws Exception {
        Path dir = Files.createTempDirectory("mcx-soak-");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Random random = new Random(42);
        int port = 0;
        long restartMillisTotal = 0;
        int lost = 0;
        try {
            for (int cycle = 0; cycle < killCycles; cycle++) {
                long t0 = System.nanoTime();
                ChildBackend backend = ChildBackend.start(dir, port, 1000, "512m");
                restartMillisTotal += TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                port = backend.base().getPort();
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService pool = Executors.newFixedThreadPool(writers);
                for (int w = 0; w < writers; w++) {
                    pool.submit(() -> write(backend, acknowledged, running));
                }
                TimeUnit.MILLISECONDS.sleep(500 + random.nextInt(2500));
                backend.kill9();
                running.set(false);
                pool.shutdown();
                pool.awaitTermination(30, TimeUnit.SECONDS);
                lost = missing(dir, acknowledged); // everything acknowledged so far, read from the file itself
            }
        } finally {
            TempDirs.delete(dir);
        }
        out.printf("## kill -9 under %d writers, %d cycles%n%n", writers, killCycles);
        out.println("| cycles | changes acknowledged | acknowledged and lost | mean restart to listening |");
        out.println("|---|---|---|---|");
        out.printf("| %d | %,d | %d | %d ms |%n%n", killCycles, acknowledged.size(), lost, restartMillisTotal / Math.max(1, killCycles));
        failed |= lost > 0;
    }

    private static Void write(ChildBackend backend, Set<String> acknowledged, AtomicBoolean running) {
        try (WsSocket ws = WsSocket.open(backend.base(), "/acmc", 0)) {
            ws.call("l", "auth.login", "{\"username\":\"admin\",\"password\":\"" + ChildBackend.ADMIN_PASSWORD + "\"}");
            for (int i = 0; running.get(); i++) {
                String answer = ws.call("c" + i, "applications.create", "{\"name\":\"Soak " + UUID.randomUUID() + "\",\"trustedDomain\":false}");
                Matcher m = APP_ID.matcher(answer);
                if (m.find()) {
                    acknowledged.add(m.group(1));
                }
            }
        } catch (IOException killed) {
            // the backend was killed mid-request: what was acknowledged before is what counts
        }
        return null;
    }

    /** Acknowledged applications absent from the database file, read directly while no backend runs. */
    private static int missing(Path dir, Set<String> acknowledged) {
        try (Database db = Database.open(dir, Database.Durability.PROCESS_CRASH)) {
            Set<String> stored = Set.copyOf(db.read(c -> Sql.query(c, "SELECT application_id FROM applications",
                    rs -> rs.getString(1))).join());
            return (int) acknowledged.stream().filter(id -> !stored.contains(id)).count();
        }
    }

    // ------------------------------------------------------------------ log-on flood

    private void logOnFlood() throws Exception {
        Path dir = Files.createTempDirectory("mcx-soak-");
        try (ChildBackend backend = ChildBackend.start(dir, 0, 600_000, "512m")) {
            List<Login> quiet = timedLogins(backend, 5);
            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicInteger attempts = new AtomicInteger();
            List<Thread> attackers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Thread t = new Thread(() -> flood(backend, flooding, attempts), "soak-attacker-" + i);
                t.setDaemon(true);
                t.start();
                attackers.add(t);
            }
            TimeUnit.SECONDS.sleep(2);
            List<Login> during = new ArrayList<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(floodSeconds);
            while (System.nanoTime() < end) {
                during.addAll(timedLogins(backend, 1));
            }
            flooding.set(false);
            for (Thread t : attackers) {
                t.join(10_000);
            }
            List<Login> after = timedLogins(backend, 3);
            out.printf("## Log-on flood: 4 anonymous connections, 200 random log-ons/s each, reconnecting; PBKDF2 600,000%n%n");
            out.println("| | log-ons | first answer p50 | max | logged in (retrying on RATE_LIMITED) p50 | max | not in 30 s |");
            out.println("|---|---|---|---|---|---|---|");
            row("quiet, before", quiet);
            row("during the flood (" + attempts.get() + " attempts)", during);
            row("right after it stopped", after);
            out.printf("%nclosed with 4429: %d lines in the backend's log%n%n", backend.linesContaining("floods /acmc"));
            failed |= during.stream().anyMatch(l -> l.loggedInMillis() < 0) || after.stream().anyMatch(l -> l.loggedInMillis() < 0);
        } finally {
            TempDirs.delete(dir);
        }
    }

    private void row(String what, List<Login> logins) {
        List<Long> answered = logins.stream().map(Login::firstAnswerMillis).sorted().toList();
        List<Long> in = logins.stream().map(Login::loggedInMillis).sorted().toList();
        out.printf("| %s | %d | %d ms | %d ms | %d ms | %d ms | %d |%n", what, logins.size(), answered.get(answered.size() / 2),
                answered.get(answered.size() - 1), in.get(in.size() / 2), in.get(in.size() - 1),
                logins.stream().filter(l -> l.loggedInMillis() < 0).count());
    }

    /** One correct log-on: when the first answer came, and when it succeeded (-1: not within 30 s). */
    private record Login(long firstAnswerMillis, long loggedInMillis) {
    }

    /**
     * Correct log-ons on new connections, retried as the console does when told RATE_LIMITED
     * (after 250 ms, doubling to 2 s).
     */
    private static List<Login> timedLogins(ChildBackend backend, int count) {
        List<Login> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            long firstAnswer = -1;
            long loggedIn = -1;
            long backoff = 250;
            while (loggedIn < 0 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30)) {
                try (WsSocket ws = WsSocket.open(backend.base(), "/acmc", 0)) {
                    String answer = ws.call("l", "auth.login", "{\"username\":\"admin\",\"password\":\"" + ChildBackend.ADMIN_PASSWORD + "\"}");
                    long now = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    firstAnswer = firstAnswer < 0 ? now : firstAnswer;
                    if (answer.contains("sessionToken")) {
                        loggedIn = now;
                    } else {
                        TimeUnit.MILLISECONDS.sleep(backoff);
                        backoff = Math.min(2000, backoff * 2);
                    }
                } catch (IOException | InterruptedException e) {
                    firstAnswer = firstAnswer < 0 ? -1 : firstAnswer;
                }
            }
            result.add(new Login(firstAnswer, loggedIn));
        }
        return result;
    }

    private static void flood(ChildBackend backend, AtomicBoolean flooding, AtomicInteger attempts) {
        while (flooding.get()) {
            try (WsSocket ws = WsSocket.open(backend.base(), "/acmc", 0)) {
                Thread drain = new Thread(() -> {
                    try {
                        while (ws.read() != null) {
                            // keep reading, so the flood is not slowed by its own answers
                        }
                    } catch (IOException gone) {
                        // closed
                    }
                });
                drain.setDaemon(true);
                drain.start();
                while (flooding.get() && drain.isAlive()) {
                    ws.send("{\"v\":1,\"id\":\"" + attempts.incrementAndGet() + "\",\"type\":\"auth.login\",\"body\":{\"username\":\""
                            + UUID.randomUUID().toString().substring(0, 12) + "\",\"password\":\"guess\"}}");
                    TimeUnit.MILLISECONDS.sleep(5);
                }
            } catch (IOException closed) {
                // reconnect, as an attacker would
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The application every held connection authenticates as: id and secret. */
    private static String[] application(ChildBackend backend) throws IOException {
        try (WsSocket admin = WsSocket.open(backend.base(), "/acmc", 0)) {
            admin.call("l", "auth.login", "{\"username\":\"admin\",\"password\":\"" + ChildBackend.ADMIN_PASSWORD + "\"}");
            String created = admin.call("c", "applications.create", "{\"name\":\"Soak\",\"trustedDomain\":false}");
            Matcher id = APP_ID.matcher(created);
            Matcher secret = Pattern.compile("\"secret\":\"([^\"]+)\"").matcher(created);
            if (!id.find() || !secret.find()) {
                throw new IOException("no application created: " + created);
            }
            return new String[] {id.group(1), secret.group(1)};
        }
    }
}
