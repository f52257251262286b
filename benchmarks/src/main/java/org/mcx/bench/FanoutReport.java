package org.mcx.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the fan-out benchmark's tables: latencies, ratios, and CPU per round by thread group. */
final class FanoutReport {
    /** CPU below this per round is left out of the table. */
    private static final long SHOWN_NANOS = 100_000;

    private final Report report;
    private final FanoutBench bench;
    private final FanoutBench.Result r;

    FanoutReport(Report report, FanoutBench bench, FanoutBench.Result r) {
        this.report = report;
        this.bench = bench;
        this.r = r;
    }

    void write() {
        int n = bench.clients;
        report.section("fanout: notifyApplicationProfile to every session vs raw broadcast", n
                + " sessions of one application (ProtocolClient each, then raw sessions) and " + n + " raw clients; "
                + bench.rounds + " saves per kind of session and " + bench.rawRounds + " raw broadcasts, after "
                + bench.warmup + " warm-up rounds each and " + bench.saveWarmup + " saves of another profile; frame "
                + r.frameBytes() + " B; " + r.peakThreads() + " JVM threads with the library sessions open");
        Map<String, FanoutRounds> variants = new LinkedHashMap<>();
        variants.put("profiles.save → " + n + " × notifyApplicationProfile, ProtocolClient sessions", r.ours());
        variants.put("profiles.save → " + n + " raw sessions (diagnostic: server's share)", r.rawSessions());
        variants.put("raw broadcast, receivers answer each frame (diagnostic)", r.rawAcknowledged());
        variants.put("raw broadcast of " + r.frameBytes() + " B to " + n + " raw clients (baseline)", r.raw());
        Table t = new Table("variant", "rounds", "missed", "save answered p50", "to first p50", "to all p50",
                "to all p90", "to all max");
        variants.forEach((name, f) -> row(t, name, f));
        report.table("From sending until the last receiver has its frame:", t);

        Samples.Summary raw = r.raw().toAll.summary();
        Samples.Summary ours = r.ours().toAll.summary();
        long answered = r.rawAcknowledged().toAll.summary().p50();
        report.table("Ratios (target: fan-out within " + FanoutBench.TARGET_RATIO + "x the raw broadcast):",
                new Table("ratio", "value", "target")
                        .row("fan-out p50 / raw broadcast p50", Fmt.ratio(r.ratio()),
                                Fmt.verdict(r.ratio() <= FanoutBench.TARGET_RATIO))
                        .row("fan-out p90 / raw broadcast p90", Fmt.ratio((double) ours.p90() / raw.p90()), "-")
                        .row("answered raw broadcast p50 / raw broadcast p50 (cost of the answers)",
                                Fmt.ratio((double) answered / raw.p50()), "-")
                        .row("raw sessions p50 / answered raw broadcast p50 (server beyond the answers)",
                                Fmt.ratio((double) r.rawSessions().toAll.summary().p50() / answered), "-")
                        .row("fan-out p50 / raw sessions p50 (client library)",
                                Fmt.ratio((double) ours.p50() / r.rawSessions().toAll.summary().p50()), "-"));
        report.table("CPU per round by thread group, from sending until the last receiver has its frame (ms; "
                + "the harness's own thread left out):", cpuTable(variants));
    }

    private static Table cpuTable(Map<String, FanoutRounds> variants) {
        Map<String, Map<String, Long>> columns = new LinkedHashMap<>();
        String[] names = {"library sessions", "raw sessions", "answered raw broadcast", "raw broadcast"};
        int i = 0;
        for (FanoutRounds f : variants.values()) {
            columns.put(names[i++], f.cpuPerRound());
        }
        return CpuTable.of(columns, SHOWN_NANOS, false, false);
    }

    private static void row(Table t, String name, FanoutRounds f) {
        Samples.Summary all = f.toAll.summary();
        t.row(name, f.rounds(), f.missed(), f.toReply.count() == 0 ? "-" : Fmt.millis(f.toReply.summary().p50()),
                Fmt.millis(f.toFirst.summary().p50()), Fmt.millis(all.p50()), Fmt.millis(all.p90()),
                Fmt.millis(all.max()));
    }
}
