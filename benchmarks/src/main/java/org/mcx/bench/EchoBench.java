package org.mcx.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The baselines alone: raw Jetty echo round trips (one connection, then several at once) and the
 * raw broadcast of one frame to many raw clients. No product code runs here; the other benchmarks
 * measure the same baselines again in their own run, next to the product.
 */
@Command(name = "echo", mixinStandardHelpOptions = true,
        description = "Raw Jetty 12 echo round trips and raw broadcast to many raw Java-WebSocket clients (the baselines).")
public final class EchoBench implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", defaultValue = "128,4096", description = "Frame sizes in bytes (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;
    @Option(names = "--round-trips", defaultValue = "20000", description = "Measured round trips per size (default: ${DEFAULT-VALUE}).")
    int roundTrips;
    @Option(names = "--warmup", defaultValue = "5000", description = "Round trips before measuring (default: ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--connections", defaultValue = "4", description = "Connections for the throughput figure (default: ${DEFAULT-VALUE}).")
    int connections;
    @Option(names = "--broadcast-clients", defaultValue = "1000", description = "Raw receivers of the broadcast (default: ${DEFAULT-VALUE}).")
    int broadcastClients;
    @Option(names = "--broadcast-bytes", defaultValue = "110", description = "Size of the broadcast frame (default: ${DEFAULT-VALUE}).")
    int broadcastBytes;
    @Option(names = "--broadcast-rounds", defaultValue = "30", description = "Measured broadcasts (default: ${DEFAULT-VALUE}).")
    int broadcastRounds;
    @Option(names = "--pause-ms", defaultValue = "0",
            description = "Idle time before each sequential round trip, to see what waking an idle system costs (default: ${DEFAULT-VALUE}).")
    int pauseMs;
    @Option(names = "--max-seconds", defaultValue = "300", description = "Upper bound on the whole run's measuring time (default: ${DEFAULT-VALUE}).")
    int maxSeconds;
    @Spec
    CommandSpec spec;

    /** Figures of one run. */
    public record Result(List<Row> sequential, List<Row> parallel, FanoutRounds broadcast) {
        public boolean correct() {
            return sequential.stream().allMatch(r -> r.outcome.stalls() == 0 && r.outcome.completed())
                    && parallel.stream().allMatch(r -> r.outcome.stalls() == 0 && r.outcome.completed())
                    && broadcast.missed() == 0;
        }
    }

    record Row(int bytes, RoundTrips.Outcome outcome) {
    }

    public Result measure() throws Exception {
        Duration max = Duration.ofSeconds(maxSeconds);
        Duration watchdog = Duration.ofSeconds(2);
        List<Row> sequential = new ArrayList<>();
        List<Row> parallel = new ArrayList<>();
        try (RawServer server = RawServer.start(); RawEcho echo = new RawEcho(server)) {
            for (int size : sizes) {
                RoundTrips.Step echoStep = echo.step(size, watchdog);
                RoundTrips.Step step = pauseMs == 0 ? echoStep : RoundTrips.pausedBefore(Duration.ofMillis(pauseMs), echoStep);
                RoundTrips.sequential(warmup, max, step);
                sequential.add(new Row(size, RoundTrips.sequential(roundTrips, max, step)));
                List<RoundTrips.Step> steps = new ArrayList<>();
                for (int i = 0; i < connections; i++) {
                    steps.add(echo.step(size, watchdog));
                }
                parallel.add(new Row(size, RoundTrips.parallel(steps, Math.max(1, roundTrips / connections), max)));
            }
            try (RawBroadcast broadcast = RawBroadcast.open(server, broadcastClients)) {
                broadcast.run(broadcastBytes, Math.max(1, broadcastRounds / 10), Duration.ofSeconds(10));
                return new Result(sequential, parallel,
                        broadcast.run(broadcastBytes, broadcastRounds, Duration.ofSeconds(10)));
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        Report report = new Report(spec.commandLine().getOut());
        Result r = measure();
        report.section("echo: the raw baselines", "round trips " + roundTrips + " after " + warmup + " warm-up, sizes "
                + sizes + (pauseMs == 0 ? "" : ", " + pauseMs + " ms idle before each sequential one") + ", "
                + connections + " connections; broadcast " + broadcastBytes + " B to "
                + broadcastClients + " raw clients, " + broadcastRounds + " rounds");
        Table seq = new Table("frame", "round trips", "stalls (> 2 s)", "p50", "p99", "max", "round trips/s");
        r.sequential().forEach(row -> seq.row(row.bytes() + " B", row.outcome().samples().count(), row.outcome().stalls(),
                Fmt.micros(row.outcome().samples().summary().p50()), Fmt.micros(row.outcome().samples().summary().p99()),
                Fmt.micros(row.outcome().samples().summary().max()), Fmt.rate(row.outcome().perSecond())));
        report.table("Raw echo, sequential round trips on one connection:", seq);
        Table par = new Table("frame", "connections", "round trips", "stalls", "p50", "p99", "round trips/s (all)");
        r.parallel().forEach(row -> par.row(row.bytes() + " B", connections, row.outcome().samples().count(),
                row.outcome().stalls(), Fmt.micros(row.outcome().samples().summary().p50()),
                Fmt.micros(row.outcome().samples().summary().p99()), Fmt.rate(row.outcome().perSecond())));
        report.table("Raw echo, " + connections + " connections at once, each sequential:", par);
        report.table("Raw broadcast, trigger sent until all receivers have the frame:", broadcastTable(r.broadcast(),
                broadcastClients, broadcastBytes));
        return r.correct() ? 0 : 1;
    }

    static Table broadcastTable(FanoutRounds b, int receivers, int bytes) {
        Samples.Summary first = b.toFirst.summary();
        Samples.Summary all = b.toAll.summary();
        return new Table("receivers", "frame", "rounds", "missed", "to first p50", "to all p50", "to all p90",
                "to all max")
                .row(receivers, bytes + " B", b.rounds(), b.missed(), Fmt.millis(first.p50()), Fmt.millis(all.p50()),
                        Fmt.millis(all.p90()), Fmt.millis(all.max()));
    }
}
