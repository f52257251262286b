package org.mcx.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mcx.backend.store.Database;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ServiceQuery;
import org.mcx.protocol.wire.MessageType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The stall test: many runs of sequential request/response round trips on one connection each
 * (services.list on /acmc, an empty registry), every reply awaited with a watchdog. A reply that
 * does not come within the watchdog is a stall, the failure Java-WebSocket's server showed.
 */
@Command(name = "stall", mixinStandardHelpOptions = true,
        description = "Runs of sequential round trips on one connection each; counts replies later than the watchdog.")
public final class StallBench implements Callable<Integer> {
    @Option(names = "--runs", defaultValue = "20", description = "Runs, each on a new connection (default: ${DEFAULT-VALUE}).")
    int runs;
    @Option(names = "--round-trips", defaultValue = "20000", description = "Round trips per run (default: ${DEFAULT-VALUE}).")
    int roundTrips;
    @Option(names = "--watchdog-ms", defaultValue = "2000", description = "How long a reply may take before it is a stall (default: ${DEFAULT-VALUE}).")
    int watchdogMs;
    @Option(names = "--max-seconds-per-run", defaultValue = "60", description = "Upper bound on one run (default: ${DEFAULT-VALUE}).")
    int maxSecondsPerRun;
    @Option(names = "--pause-ms", defaultValue = "0",
            description = "Idle time before each round trip, to see what waking an idle system costs (default: ${DEFAULT-VALUE}).")
    int pauseMs;
    @Spec
    CommandSpec spec;

    public record Result(List<RoundTrips.Outcome> runs) {
        public int stalls() {
            return runs.stream().mapToInt(RoundTrips.Outcome::stalls).sum();
        }

        public boolean correct() {
            return stalls() == 0 && runs.stream().allMatch(RoundTrips.Outcome::completed);
        }
    }

    public Result measure() throws Exception {
        Duration watchdog = Duration.ofMillis(watchdogMs);
        Console.ServicesList request = new Console.ServicesList(ServiceQuery.all());
        List<RoundTrips.Outcome> outcomes = new ArrayList<>();
        try (BenchBackend backend = BenchBackend.start(Database.Durability.PROCESS_CRASH)) {
            for (int run = 0; run < runs; run++) {
                ProtocolClient client = backend.connect(backend.builder(Endpoint.ACMC,
                        Authenticator.login(BenchBackend.ADMIN, BenchBackend.ADMIN_PASSWORD)).name("stall-" + run));
                try {
                    RoundTrips.Step step = () -> RoundTrips.await(client.request(MessageType.SERVICES_LIST, request,
                            Console.Services.class, watchdog));
                    outcomes.add(RoundTrips.sequential(roundTrips, Duration.ofSeconds(maxSecondsPerRun),
                            pauseMs == 0 ? step : RoundTrips.pausedBefore(Duration.ofMillis(pauseMs), step)));
                } finally {
                    client.close();
                }
            }
        }
        return new Result(outcomes);
    }

    @Override
    public Integer call() throws Exception {
        Report report = new Report(spec.commandLine().getOut());
        Result r = measure();
        report.section("stall: sequential round trips on one connection, watchdog " + watchdogMs + " ms",
                runs + " runs of " + roundTrips + " services.list round trips on /acmc (empty registry), "
                        + "a new connection per run" + (pauseMs == 0 ? "" : ", " + pauseMs + " ms idle before each"));
        Table t = new Table("run", "round trips", "stalls", "p50", "p99", "max", "round trips/s");
        for (int i = 0; i < r.runs().size(); i++) {
            RoundTrips.Outcome o = r.runs().get(i);
            Samples.Summary s = o.samples().summary();
            t.row(i + 1, s.count(), o.stalls(), Fmt.micros(s.p50()), Fmt.micros(s.p99()), Fmt.micros(s.max()),
                    Fmt.rate(o.perSecond()));
        }
        report.table("Per run:", t);
        report.note("**stalls=" + r.stalls() + "** in " + r.runs().size() + " runs"
                + (r.correct() ? "." : "; not every run completed its round trips."));
        return r.correct() ? 0 : 1;
    }
}
