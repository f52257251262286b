package org.mcx.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.mcx.backend.store.Database;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.wire.Codec;
import org.mcx.protocol.wire.MessageType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Acknowledged profiles.save from several consoles at once, against raw H2 commits of one row
 * (one thread, and as many threads as consoles). This is where group commit shows: saves that wait
 * together share one commit, as they would with several administrators or an import.
 */
@Command(name = "durable-save-concurrent", mixinStandardHelpOptions = true,
        description = "Concurrent acknowledged profiles.save vs raw H2 one-row commits.")
final class ConcurrentSaveBench implements Callable<Integer> {
    @Option(names = "--clients", defaultValue = "16", description = "Consoles saving at once (default: ${DEFAULT-VALUE}).")
    int clients;
    @Option(names = "--seconds", defaultValue = "10", description = "Measuring time per side (default: ${DEFAULT-VALUE}).")
    int seconds;
    @Option(names = "--durability", defaultValue = "PROCESS_CRASH", description = "PROCESS_CRASH or POWER_LOSS.")
    Database.Durability durability;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Duration window = Duration.ofSeconds(seconds);
        double ours;
        int documentBytes;
        try (BenchBackend backend = BenchBackend.start(durability)) {
            List<ProtocolClient> consoles = new ArrayList<>();
            List<ApplicationProfile> profiles = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                consoles.add(backend.connect(backend.builder(Endpoint.ACMC,
                        Authenticator.login(BenchBackend.ADMIN, BenchBackend.ADMIN_PASSWORD)).name("saver-" + i)));
                profiles.add(backend.createProfile(backend.createApplication("concurrent-" + i).applicationId()));
            }
            documentBytes = new Codec().mapper().writeValueAsString(profiles.get(0)).length();
            run(clients, Duration.ofSeconds(2), i -> saver(consoles.get(i), profiles, i));
            ours = run(clients, window, i -> saver(consoles.get(i), profiles, i));
        }
        double rawOne;
        double rawMany;
        List<RawH2Commits> raws = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                raws.add(RawH2Commits.open(durability, RawH2Commits.Shape.ONE_ROW, documentBytes));
            }
            rawOne = run(1, window, i -> raws.get(0).step());
            rawMany = run(clients, window, i -> raws.get(i).step());
        } finally {
            raws.forEach(RawH2Commits::close);
        }
        Report report = new Report(spec.commandLine().getOut());
        report.section("durable-save-concurrent: " + clients + " consoles saving at once", durability
                + ", " + seconds + " s per side, " + documentBytes + " B profile documents");
        Table t = new Table("variant", "threads", "changes/s", "ours ÷ this");
        t.row("profiles.save, " + clients + " consoles (group commit)", clients, Fmt.rate(ours), "-");
        t.row("raw JDBC: one-row commit, one thread (the target's baseline)", 1, Fmt.rate(rawOne), Fmt.ratio(ours / rawOne));
        t.row("raw JDBC: one-row commits, one database per thread", clients, Fmt.rate(rawMany), Fmt.ratio(ours / rawMany));
        report.table("Acknowledged changes per second:", t);
        return 0;
    }

    private static RoundTrips.Step saver(ProtocolClient console, List<ApplicationProfile> profiles, int i) {
        return () -> {
            ApplicationProfile current = profiles.get(i);
            profiles.set(i, RoundTrips.await(console.request(MessageType.PROFILES_SAVE, BenchBackend.bump(current),
                    Console.ProfileSaved.class, Duration.ofSeconds(10))).applicationProfile());
        };
    }

    @FunctionalInterface
    private interface StepFor {
        RoundTrips.Step of(int thread) throws Exception;
    }

    /** Runs {@code threads} loops for the window; returns completed steps per second over all. */
    private static double run(int threads, Duration window, StepFor steps) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long end = System.nanoTime() + window.toNanos();
            long start = System.nanoTime();
            List<Future<Long>> counts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                RoundTrips.Step step = steps.of(i);
                counts.add(pool.submit(() -> {
                    long n = 0;
                    while (System.nanoTime() < end) {
                        step.run();
                        n++;
                    }
                    return n;
                }));
            }
            long total = 0;
            for (Future<Long> f : counts) {
                total += f.get(window.toSeconds() + 60, TimeUnit.SECONDS);
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
