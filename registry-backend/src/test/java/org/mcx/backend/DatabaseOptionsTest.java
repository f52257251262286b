package org.mcx.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The database options at the edge: what applies to H2 alone is refused with PostgreSQL rather
 * than ignored, a password never travels in the URL, and a database that cannot be reached stops
 * the start with a sentence (exit code 1, so that the service manager tries again) that shows no
 * password.
 */
class DatabaseOptionsTest {
    private static final String URL = "jdbc:postgresql://127.0.0.1:1/mcx"; // nothing listens on port 1

    @TempDir
    Path dir;

    @Test
    void h2OnlySettingsAreRefusedWithPostgresInWords() throws Exception {
        assertRefused(run("--database", URL, "--backup-dir", dir.resolve("b").toString()),
                "--backup-dir makes H2 online backups; with --database, back PostgreSQL up with pg_dump");
        assertRefused(run("--database", URL, "--new-database"), "--new-database applies to the H2 file");
        assertRefused(run("--database-user", "mcx"), "--database-user and --database-password-file need --database");
        assertRefused(run("--database", "jdbc:h2:file:/tmp/x"), "--database must be a PostgreSQL JDBC URL");
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutRepeatingIt() throws Exception {
        Outcome refused = run("--database", URL + "?sslmode=disable&password=hunter22");
        assertThat(refused.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(refused.err()).contains("put the user in database-user and the password in database-password-file")
                .doesNotContain("hunter22");
    }

    @Test
    void anUnreachableDatabaseStopsTheStartInOneSentenceWithoutThePassword() throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), "hunter22\n");
        Outcome failed = run("--database", URL, "--database-user", "mcx", "--database-password-file", password.toString());
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.err()).contains("registry-backend: cannot reach the database at " + URL).doesNotContain("hunter22");
    }

    private record Outcome(int exit, String err) {
    }

    private static void assertRefused(Outcome outcome, String message) {
        assertThat(outcome.exit()).as(outcome.err()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(outcome.err()).contains(message);
    }

    /** Runs the backend's command line as {@link Main#run} does, with its standard error captured. */
    private Outcome run(String... options) {
        List<String> args = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString(), "--system-id", "mcx-a",
                "--port", "0"));
        args.addAll(List.of(options));
        String[] all = args.toArray(String[]::new);
        CommandLine cl = Main.commandLine(all, Map.of());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler(Main.executionExceptionHandler());
        int exit = cl.execute(all);
        return new Outcome(exit, err.toString());
    }
}
