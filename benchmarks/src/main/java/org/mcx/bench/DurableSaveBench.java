package org.mcx.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mcx.backend.store.Database;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceQuery;
import org.mcx.protocol.wire.Codec;
import org.mcx.protocol.wire.MessageType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Sequential, acknowledged profiles.save from a console client, against a plain JDBC loop that
 * commits a row of the same size on a fresh H2 file with the same URL options and the same
 * durability, measured in turns in the same run on the same disk.
 */
@Command(name = "durable-save", mixinStandardHelpOptions = true,
        description = "Sequential acknowledged profiles.save per second vs a raw H2 commit loop of the same durability.")
public final class DurableSaveBench implements Callable<Integer> {
    static final double TARGET_RATIO = 0.8;

    @Option(names = "--saves", defaultValue = "5000", description = "Measured saves per side and durability (default: ${DEFAULT-VALUE}).")
    int saves;
    @Option(names = "--warmup", defaultValue = "2000", description = "Saves before measuring, per side (default: ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--blocks", defaultValue = "5", description = "Turns the two sides take, to share noise (default: ${DEFAULT-VALUE}).")
    int blocks;
    @Option(names = "--durability", split = ",", defaultValue = "PROCESS_CRASH,POWER_LOSS",
            description = "Durabilities to measure: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    List<Database.Durability> durabilities;
    @Option(names = "--max-seconds", defaultValue = "300", description = "Upper bound on measuring time per durability (default: ${DEFAULT-VALUE}).")
    int maxSeconds;
    @Spec
    CommandSpec spec;

    /**
     * One durability's figures: ours, the target's baseline (one row), and two diagnostics: the same
     * row changes as a save in raw JDBC, and a request that writes nothing on the same connection.
     */
    public record Row(Database.Durability durability, int documentBytes, RoundTrips.Outcome ours,
                      RoundTrips.Outcome raw, RoundTrips.Outcome rawSaveShaped, RoundTrips.Outcome readOnly,
                      Map<String, Map<String, Long>> cpuPerChange) {
        public double ratio() {
            return ours.perSecond() / raw.perSecond();
        }
    }

    public record Result(List<Row> rows) {
        /** Every save acknowledged, none lost to a timeout. */
        public boolean correct() {
            return rows.stream().allMatch(r -> r.ours().completed() && r.ours().stalls() == 0 && r.raw().completed()
                    && r.rawSaveShaped().completed());
        }
    }

    public Result measure() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (Database.Durability d : durabilities) {
            rows.add(measure(d));
        }
        return new Result(rows);
    }

    private Row measure(Database.Durability durability) throws Exception {
        try (BenchBackend backend = BenchBackend.start(durability)) {
            String applicationId = backend.createApplication("bench-saves").applicationId();
            ApplicationProfile profile = backend.createProfile(applicationId);
            int documentBytes = new Codec().mapper().writeValueAsString(profile).length();
            try (RawH2Commits raw = RawH2Commits.open(durability, RawH2Commits.Shape.ONE_ROW, documentBytes);
                 RawH2Commits shaped = RawH2Commits.open(durability, RawH2Commits.Shape.SAVE_SHAPED, documentBytes)) {
                Duration max = Duration.ofSeconds(maxSeconds);
                List<RoundTrips.Step> variants = List.of(saveStep(backend.admin(), profile), raw.step(), shaped.step(),
                        readStep(backend.admin()));
                List<RoundTrips.Outcome> o = RoundTrips.alternate(warmup, saves, blocks, max, variants);
                Map<String, Map<String, Long>> cpu = new LinkedHashMap<>();
                int cpuCount = Math.min(saves, 2000);
                cpu.put("profiles.save", ThreadCpu.perOperation(cpuCount, max, variants.get(0)));
                cpu.put("raw one row", ThreadCpu.perOperation(cpuCount, max, variants.get(1)));
                cpu.put("raw save-shaped", ThreadCpu.perOperation(cpuCount, max, variants.get(2)));
                cpu.put("services.list", ThreadCpu.perOperation(cpuCount, max, variants.get(3)));
                return new Row(durability, documentBytes, o.get(0), o.get(1), o.get(2), o.get(3), cpu);
            }
        }
    }

    /** Saves the profile unchanged (a new version) and waits for the acknowledgement. */
    private static RoundTrips.Step saveStep(ProtocolClient admin, ApplicationProfile profile) {
        ApplicationProfile[] current = {profile};
        return () -> current[0] = RoundTrips.await(admin.request(MessageType.PROFILES_SAVE,
                BenchBackend.bump(current[0]), Console.ProfileSaved.class, Duration.ofSeconds(10))).applicationProfile();
    }

    /** services.list on the same connection: the round trip without the transaction. */
    private static RoundTrips.Step readStep(ProtocolClient admin) {
        Console.ServicesList list = new Console.ServicesList(ServiceQuery.all());
        return () -> RoundTrips.await(admin.request(MessageType.SERVICES_LIST, list, Console.Services.class,
                Duration.ofSeconds(10)));
    }

    @Override
    public Integer call() throws Exception {
        Report report = new Report(spec.commandLine().getOut());
        Result r = measure();
        report.section("durable-save: acknowledged profiles.save vs raw H2 commits", saves + " saves per side after "
                + warmup + " warm-up, in " + blocks + " alternating blocks; durabilities " + durabilities);
        Table t = new Table("durability", "variant", "saves", "p50", "p99", "max", "saves/s");
        Table ratios = new Table("durability", "ratio of rates", "value", "target");
        for (Row row : r.rows()) {
            row(t, row.durability(), "profiles.save, ProtocolClient → backend", row.ours());
            row(t, row.durability(), "raw JDBC: update one " + row.documentBytes() + " B row + commit (baseline)",
                    row.raw());
            row(t, row.durability(), "raw JDBC: a save's 5 row changes + commit (diagnostic)", row.rawSaveShaped());
            row(t, row.durability(), "services.list on the same connection, no write (diagnostic)", row.readOnly());
            ratios.row(row.durability(), "ours / raw one row", Fmt.ratio(row.ratio()),
                    Fmt.verdict(row.ratio() >= TARGET_RATIO));
            ratios.row(row.durability(), "ours / raw save-shaped", Fmt.ratio(row.ours().perSecond()
                    / row.rawSaveShaped().perSecond()), "-");
        }
        report.table("Sequential acknowledged changes:", t);
        report.table("Ratio of rates (target: ours ≥ " + TARGET_RATIO + "x raw one row):", ratios);
        for (Row row : r.rows()) {
            report.table("CPU per change by thread group, " + row.durability() + " (µs; the raw loops run on main):",
                    CpuTable.of(row.cpuPerChange(), 1_000, true, true));
        }
        return r.correct() ? 0 : 1;
    }

    private static void row(Table t, Database.Durability d, String name, RoundTrips.Outcome o) {
        Samples.Summary s = o.samples().summary();
        t.row(d, name, s.count(), Fmt.micros(s.p50()), Fmt.micros(s.p99()), Fmt.micros(s.max()), Fmt.rate(o.perSecond()));
    }
}
