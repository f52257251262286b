package org.mcx.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mcx.backend.store.Database;
import org.mcx.backend.store.PostgresConfig;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.Endpoint;
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
 * The backend on PostgreSQL, one to three nodes on one database (issue 13): an acknowledged
 * profiles.save against the same rows committed by plain JDBC on the same database; a read the
 * backend answers from memory on PostgreSQL against H2; and what one save costs — CPU of the
 * nodes' JVM, CPU of PostgreSQL's processes, statements PostgreSQL ran — with 1, 2 and 3 nodes, the
 * saves spread over every node. One embedded PostgreSQL, started here, with pg_stat_statements.
 */
@Command(name = "cluster-cost", mixinStandardHelpOptions = true,
        description = "profiles.save on PostgreSQL vs raw JDBC; H2 vs PostgreSQL reads; per-save cost at 1-3 nodes.")
public final class ClusterCostBench implements Callable<Integer> {
    static final double SAVE_TARGET = 0.8;
    static final double READ_TARGET = 1.2;
    static final double COST_TARGET = 1.2;

    @Option(names = "--saves", defaultValue = "3000", description = "Measured round trips per variant (default: ${DEFAULT-VALUE}).")
    int saves;
    @Option(names = "--warmup", defaultValue = "1000", description = "Round trips before measuring (default: ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--blocks", defaultValue = "5", description = "Turns the variants take (default: ${DEFAULT-VALUE}).")
    int blocks;
    @Option(names = "--clients", defaultValue = "8",
            description = "Consoles saving at once, and raw connections committing at once, in the concurrent comparison; 0 skips it (default: ${DEFAULT-VALUE}).")
    int clients;
    @Option(names = "--max-seconds", defaultValue = "300", description = "Upper bound per measurement (default: ${DEFAULT-VALUE}).")
    int maxSeconds;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Report report = new Report(spec.commandLine().getOut());
        report.section("cluster-cost: the backend on PostgreSQL, 1 to 3 nodes on one database",
                saves + " round trips per variant after " + warmup + " warm-up; PROCESS_CRASH durability"
                        + " (synchronous_commit = local)");
        Path pgDir = Files.createTempDirectory("mcx-bench-pg-");
        boolean correct;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(pgDir).setCleanDataDirectory(true)
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "all")
                .setServerConfig("fsync", "on") // the embedded server's default is off: measure real commits
                .setServerConfig("max_connections", "200").start()) {
            PostgresConfig mcx = createDatabase(pg, "mcx");
            correct = saveAndRead(report, pg, mcx) & (clients <= 0 || concurrentSaves(report, mcx))
                    & costPerNode(report, pg, mcx);
        } finally {
            TempDirs.delete(pgDir);
        }
        return correct ? 0 : 1;
    }

    private boolean saveAndRead(Report report, EmbeddedPostgres pg, PostgresConfig mcx) throws Exception {
        try (BenchBackend onPg = node(mcx); BenchBackend onH2 = BenchBackend.start(Database.Durability.PROCESS_CRASH)) {
            String applicationId = onPg.createApplication("bench-saves").applicationId();
            ApplicationProfile profile = onPg.createProfile(applicationId);
            int documentBytes = new Codec().mapper().writeValueAsString(profile).length();
            // The same rows a save changes, in a schema of their own on the same database and server.
            Connection rawConnection = DriverManager.getConnection(mcx.url(), mcx.user(), "");
            try (Statement s = rawConnection.createStatement()) {
                s.execute("CREATE SCHEMA raw");
                s.execute("SET search_path = raw");
                s.execute("SET synchronous_commit = local");
            }
            try (RawH2Commits raw = RawH2Commits.on(rawConnection, Database.Durability.PROCESS_CRASH,
                    RawH2Commits.Shape.SAVE_SHAPED, documentBytes)) {
                List<RoundTrips.Step> variants = List.of(saveStep(onPg.admin(), profile), raw.step(),
                        listStep(onPg.admin()), listStep(onH2.admin()));
                List<RoundTrips.Outcome> o = RoundTrips.alternate(warmup, saves, blocks, Duration.ofSeconds(maxSeconds),
                        variants);
                Table t = new Table("variant", "count", "p50", "p99", "per second");
                String[] names = {"profiles.save, ProtocolClient → backend on PostgreSQL",
                        "raw JDBC on the same database: a save's 5 row changes + commit",
                        "services.list (answered from memory), backend on PostgreSQL",
                        "services.list (answered from memory), backend on H2"};
                for (int i = 0; i < names.length; i++) {
                    Samples.Summary s = o.get(i).samples().summary();
                    t.row(names[i], s.count(), Fmt.micros(s.p50()), Fmt.micros(s.p99()), Fmt.rate(o.get(i).perSecond()));
                }
                report.table("Sequential round trips, in alternating blocks:", t);
                double saveRatio = o.get(0).perSecond() / o.get(1).perSecond();
                double readRatio = (double) o.get(2).samples().summary().p50() / o.get(3).samples().summary().p50();
                Table r = new Table("ratio", "value", "target");
                r.row("profiles.save / raw same rows (rate)", Fmt.ratio(saveRatio), Fmt.verdict(saveRatio >= SAVE_TARGET)
                        + " (≥ " + SAVE_TARGET + "x)");
                r.row("read p50, PostgreSQL / H2", Fmt.ratio(readRatio), Fmt.verdict(readRatio <= READ_TARGET)
                        + " (≤ " + READ_TARGET + "x)");
                report.table("Ratios:", r);
                return o.stream().allMatch(RoundTrips.Outcome::completed);
            }
        }
    }

    /**
     * Several consoles saving at once against as many raw JDBC connections committing the same
     * rows at once (each in a schema of its own): what a node's group commit makes of the commit's
     * flush, against what PostgreSQL itself makes of concurrent commits. In alternating rounds.
     */
    private boolean concurrentSaves(Report report, PostgresConfig mcx) throws Exception {
        int each = Math.max(100, saves / clients);
        List<Connection> rawConnections = new ArrayList<>();
        List<RawH2Commits> raws = new ArrayList<>();
        try (BenchBackend onPg = node(mcx)) {
            List<RoundTrips.Step> savers = new ArrayList<>();
            int documentBytes = 0;
            for (int i = 0; i < clients; i++) {
                ProtocolClient console = onPg.connect(onPg.builder(Endpoint.ACMC,
                        Authenticator.login(BenchBackend.ADMIN, BenchBackend.ADMIN_PASSWORD)).name("saver-" + i));
                ApplicationProfile profile = onPg.createProfile(onPg.createApplication("concurrent-" + i).applicationId());
                documentBytes = new Codec().mapper().writeValueAsString(profile).length();
                savers.add(saveStep(console, profile));
            }
            List<RoundTrips.Step> rawSteps = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Connection c = DriverManager.getConnection(mcx.url(), mcx.user(), "");
                rawConnections.add(c);
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE SCHEMA raw_concurrent_" + i);
                    st.execute("SET search_path = raw_concurrent_" + i);
                    st.execute("SET synchronous_commit = local");
                }
                RawH2Commits raw = RawH2Commits.on(c, Database.Durability.PROCESS_CRASH, RawH2Commits.Shape.SAVE_SHAPED,
                        documentBytes);
                raws.add(raw);
                rawSteps.add(raw.step());
            }
            RoundTrips.parallel(savers, Math.max(50, warmup / clients), Duration.ofSeconds(maxSeconds));
            RoundTrips.parallel(rawSteps, Math.max(50, warmup / clients), Duration.ofSeconds(maxSeconds));
            Table t = new Table("round", "variant", "changes", "p50", "p99", "per second");
            double saveRate = 0;
            double rawRate = 0;
            boolean correct = true;
            for (int round = 1; round <= 2; round++) {
                RoundTrips.Outcome o = RoundTrips.parallel(savers, each, Duration.ofSeconds(maxSeconds));
                RoundTrips.Outcome r = RoundTrips.parallel(rawSteps, each, Duration.ofSeconds(maxSeconds));
                saveRate += o.perSecond();
                rawRate += r.perSecond();
                correct &= o.completed() & r.completed();
                t.row(round, "profiles.save, " + clients + " consoles, one node", o.samples().count(),
                        Fmt.micros(o.samples().summary().p50()), Fmt.micros(o.samples().summary().p99()),
                        Fmt.rate(o.perSecond()));
                t.row(round, "raw JDBC, " + clients + " connections, a save's 5 row changes + commit", r.samples().count(),
                        Fmt.micros(r.samples().summary().p50()), Fmt.micros(r.samples().summary().p99()),
                        Fmt.rate(r.perSecond()));
            }
            report.table(clients + " at once, in alternating rounds:", t);
            double ratio = saveRate / rawRate;
            Table r = new Table("ratio", "value", "target");
            r.row("profiles.save / raw same rows (rate), " + clients + " at once", Fmt.ratio(ratio),
                    Fmt.verdict(ratio >= SAVE_TARGET) + " (≥ " + SAVE_TARGET + "x)");
            report.table("Ratio:", r);
            return correct;
        } finally {
            raws.forEach(RawH2Commits::close);
            for (Connection c : rawConnections) {
                c.close();
            }
        }
    }

    /** Saves spread over every node of a 1-, 2- and 3-node system: what one save costs each time. */
    private boolean costPerNode(Report report, EmbeddedPostgres pg, PostgresConfig mcx) throws Exception {
        List<BenchBackend> nodes = new ArrayList<>();
        List<RoundTrips.Step> savers = new ArrayList<>();
        Table t = new Table("nodes", "saves", "p50", "JVM CPU / save", "PostgreSQL CPU / save", "statements / save",
                "saves/s");
        List<Double> totals = new ArrayList<>();
        Table perSave = null;
        boolean correct = true;
        try {
            for (int n = 1; n <= 3; n++) {
                BenchBackend node = node(mcx);
                nodes.add(node);
                String applicationId = node.createApplication("bench-node-" + n).applicationId();
                savers.add(saveStep(node.admin(), node.createProfile(applicationId)));
                List<RoundTrips.Step> mine = List.copyOf(savers);
                int[] next = {0};
                RoundTrips.Step spread = () -> mine.get(next[0]++ % mine.size()).run();
                RoundTrips.sequential(warmup, Duration.ofSeconds(maxSeconds), spread);
                Thread.sleep(1500); // every node's tail has read the warm-up's events
                long jvm0 = jvmCpuNanos();
                long pg0 = postgresCpuNanos();
                long st0 = statements(mcx);
                java.util.Map<String, Long> byQuery0 = n == 1 ? statementsByQuery(mcx) : java.util.Map.of();
                RoundTrips.Outcome o = RoundTrips.sequential(saves, Duration.ofSeconds(maxSeconds), spread);
                Thread.sleep(1500); // and the measured saves'
                if (n == 1) {
                    perSave = perSave(byQuery0, statementsByQuery(mcx), o.samples().count());
                }
                long count = o.samples().count();
                double jvm = (jvmCpuNanos() - jvm0) / (double) count;
                double db = (postgresCpuNanos() - pg0) / (double) count;
                double statements = (statements(mcx) - st0) / (double) count;
                totals.add(jvm + db);
                t.row(n, count, Fmt.micros(o.samples().summary().p50()), Fmt.micros((long) jvm), Fmt.micros((long) db),
                        String.format("%.1f", statements), Fmt.rate(o.perSecond()));
                correct &= o.completed();
            }
        } finally {
            nodes.forEach(BenchBackend::close);
        }
        report.table("One save's cost (the tails' reads of other nodes' events included; the JVM runs every node"
                + " and the client):", t);
        if (perSave != null) {
            report.table("What one save ran at one node (pg_stat_statements, calls per save, 0.1 and more):", perSave);
        }
        double ratio = totals.get(2) / totals.get(0);
        Table r = new Table("ratio", "value", "target");
        r.row("CPU per save (JVM + PostgreSQL), 3 nodes / 1 node", Fmt.ratio(ratio), Fmt.verdict(ratio <= COST_TARGET)
                + " (≤ " + COST_TARGET + "x)");
        report.table("Ratio:", r);
        return correct;
    }

    private static BenchBackend node(PostgresConfig db) throws Exception {
        return BenchBackend.start(dir -> BenchBackend.config(dir, Database.Durability.PROCESS_CRASH).withDatabase(db));
    }

    private static RoundTrips.Step saveStep(ProtocolClient admin, ApplicationProfile profile) {
        ApplicationProfile[] current = {profile};
        return () -> current[0] = RoundTrips.await(admin.request(MessageType.PROFILES_SAVE,
                BenchBackend.bump(current[0]), Console.ProfileSaved.class, Duration.ofSeconds(10))).applicationProfile();
    }

    private static RoundTrips.Step listStep(ProtocolClient admin) {
        Console.ServicesList list = new Console.ServicesList(ServiceQuery.all());
        return () -> RoundTrips.await(admin.request(MessageType.SERVICES_LIST, list, Console.Services.class,
                Duration.ofSeconds(10)));
    }

    private static PostgresConfig createDatabase(EmbeddedPostgres pg, String name) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        PostgresConfig config = new PostgresConfig("jdbc:postgresql://localhost:" + pg.getPort() + "/" + name,
                "postgres", null);
        try (Connection c = DriverManager.getConnection(config.url(), "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION pg_stat_statements");
        }
        return config;
    }

    /** Statements PostgreSQL ran, all databases (COMMIT included). */
    private static long statements(PostgresConfig db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(calls), 0) FROM pg_stat_statements")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Calls of each statement PostgreSQL ran, by its normalised text. */
    private static java.util.Map<String, Long> statementsByQuery(PostgresConfig db) throws SQLException {
        java.util.Map<String, Long> calls = new java.util.HashMap<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT query, SUM(calls) FROM pg_stat_statements GROUP BY query")) {
            while (rs.next()) {
                calls.put(rs.getString(1), rs.getLong(2));
            }
        }
        return calls;
    }

    private static Table perSave(java.util.Map<String, Long> before, java.util.Map<String, Long> after, long saves) {
        Table t = new Table("calls / save", "statement");
        after.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / (double) saves))
                .filter(e -> e.getValue() >= 0.1)
                .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> t.row(String.format("%.1f", e.getValue()), "`" + shorten(e.getKey()) + "`"));
        return t;
    }

    private static String shorten(String sql) {
        String one = sql.replaceAll("\\s+", " ").replace("|", "\\|").replace("`", "'");
        return one.length() <= 120 ? one : one.substring(0, 117) + "...";
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** User and system CPU of every postgres process on this machine (the harness's server is the only one). */
    private static long postgresCpuNanos() throws IOException {
        long ticks = 0;
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) dirs::iterator) {
                Path stat = p.resolve("stat");
                if (!p.getFileName().toString().chars().allMatch(Character::isDigit) || !Files.isReadable(stat)) {
                    continue;
                }
                String line;
                try {
                    line = Files.readString(stat);
                } catch (IOException gone) {
                    continue; // the process ended meanwhile
                }
                int close = line.lastIndexOf(')');
                if (!line.substring(line.indexOf('(') + 1, close).equals("postgres")) {
                    continue;
                }
                String[] f = line.substring(close + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
            }
        }
        return ticks * 10_000_000L; // USER_HZ = 100
    }
}
