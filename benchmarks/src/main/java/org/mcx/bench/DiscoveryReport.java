package org.mcx.bench;

/** Writes the discovery benchmark's tables. */
final class DiscoveryReport {
    private final Report report;
    private final DiscoveryBench bench;
    private final DiscoveryBench.Result r;

    DiscoveryReport(Report report, DiscoveryBench bench, DiscoveryBench.Result r) {
        this.report = report;
        this.bench = bench;
        this.r = r;
    }

    void write() {
        report.section("discovery: getServiceInformation vs raw echo", bench.instances + " instances in "
                + r.capabilities() + " capabilities, answer " + r.responseBytes() + " B; " + bench.roundTrips
                + " round trips per variant after " + bench.warmup + " warm-up, in " + bench.blocks + " alternating blocks");
        Table seq = new Table("variant", "round trips", "stalls (> 2 s)", "p50", "p99", "max", "round trips/s");
        row(seq, "getServiceInformation, ProtocolClient → backend", r.ours());
        row(seq, "getServiceInformation, raw client → backend", r.rawToBackend());
        row(seq, "raw echo of " + r.responseBytes() + " B (baseline)", r.rawEcho());
        report.table("Sequential round trips on one connection:", seq);

        Table par = new Table("variant", "connections", "round trips", "p50", "p99", "round trips/s (all)");
        par.row("getServiceInformation, ProtocolClient → backend", bench.connections, r.oursParallel().samples().count(),
                Fmt.micros(r.oursParallel().samples().summary().p50()),
                Fmt.micros(r.oursParallel().samples().summary().p99()), Fmt.rate(r.oursParallel().perSecond()));
        par.row("raw echo of " + r.responseBytes() + " B", bench.connections, r.rawEchoParallel().samples().count(),
                Fmt.micros(r.rawEchoParallel().samples().summary().p50()),
                Fmt.micros(r.rawEchoParallel().samples().summary().p99()), Fmt.rate(r.rawEchoParallel().perSecond()));
        report.table("Throughput, " + bench.connections + " connections at once, each sequential:", par);

        double ratio = r.ratio();
        double rawRatio = (double) r.rawToBackend().samples().summary().p50() / r.rawEcho().samples().summary().p50();
        double throughputRatio = r.oursParallel().perSecond() / r.rawEchoParallel().perSecond();
        report.table("Ratios (target: discovery p50 ≤ " + DiscoveryBench.TARGET_RATIO + "x raw echo p50):",
                new Table("ratio", "value", "target")
                        .row("discovery p50 / raw echo p50", Fmt.ratio(ratio),
                                Fmt.verdict(ratio <= DiscoveryBench.TARGET_RATIO))
                        .row("raw client → backend p50 / raw echo p50 (server's share)", Fmt.ratio(rawRatio), "-")
                        .row("discovery throughput / raw echo throughput, " + bench.connections + " connections",
                                Fmt.ratio(throughputRatio), "-"));
        report.table("CPU per round trip by thread group (µs; sequential, one connection):",
                CpuTable.of(r.cpuPerRoundTrip(), 1_000, true, true));
        report.note("Answers complete and unchanged through the run: " + r.answersComplete() + ".");
    }

    private static void row(Table t, String name, RoundTrips.Outcome o) {
        Samples.Summary s = o.samples().summary();
        t.row(name, s.count(), o.stalls(), Fmt.micros(s.p50()), Fmt.micros(s.p99()), Fmt.micros(s.max()),
                Fmt.rate(o.perSecond()));
    }
}
