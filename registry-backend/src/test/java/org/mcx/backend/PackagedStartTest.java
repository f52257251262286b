package org.mcx.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendProcess;
import org.mcx.protocol.Version;
import picocli.CommandLine;

/**
 * The backend started the way the installed service starts it: everything from a configuration
 * file (TLS on, logs to a file, the first administrator's password from a file), with MCX_*
 * variables on top; then a real protocol login with check-login, and a clean stop on SIGTERM.
 */
class PackagedStartTest {
    private static final Pattern FINGERPRINT = Pattern.compile("fingerprint ([0-9A-F:]{95})");

    @TempDir
    Path dir;

    @Test
    void startsFromItsConfigurationFileWithTlsAndFileLogsAndAcceptsTheFirstAdministrator() throws Exception {
        Path password = Files.writeString(dir.resolve("initial-admin-password"), "first-admin-password\n");
        Path conf = Files.writeString(dir.resolve("registry.conf"), String.join("\n",
                "data-dir = " + dir.resolve("data"),
                "system-id = mcx-test",
                "port = 8443",
                "tls = true",
                "admin-password-file = " + password,
                "log-dir = " + dir.resolve("log"),
                "pbkdf2-iterations = 1000", ""));
        String fingerprint;
        try (BackendProcess server = BackendProcess.launch(List.of("--config", conf.toString()), Map.of("MCX_PORT", "0"))) {
            assertThat(server.base().getScheme()).isEqualTo("wss");
            Matcher m = FINGERPRINT.matcher(server.output());
            assertThat(m.find()).as(server.output()).isTrue();
            fingerprint = m.group(1);

            Captured ok = checkLogin(server, password, fingerprint);
            assertThat(ok.code).as(ok.text).isZero();
            assertThat(ok.text).contains("logged in to " + server.base() + " as admin [ADMIN]");

            Path wrong = Files.writeString(dir.resolve("wrong"), "not-the-password");
            Captured refused = checkLogin(server, wrong, fingerprint);
            assertThat(refused.code).isEqualTo(1);
            assertThat(refused.text).contains("failed: ").contains("invalid user name or password");

            assertThat(server.terminate()).isEqualTo(143); // SIGTERM: the JVM's exit code after its shutdown hooks
            assertThat(server.output()).contains("stopped");
        }
        String log = Files.readString(dir.resolve("log").resolve("registry.log"));
        assertThat(log).contains("registry-backend " + Version.current() + " starting")
                .contains("TLS certificate SHA-256 fingerprint " + fingerprint)
                .contains("created the first administrator")
                .doesNotContain("first-admin-password");
    }

    private static Captured checkLogin(BackendProcess server, Path passwordFile, String fingerprint) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter out = new PrintWriter(bytes, true);
        String[] args = {"check-login", "--url", server.base().toString(), "--password-file", passwordFile.toString(),
                "--fingerprint", fingerprint};
        CommandLine cl = Main.commandLine(args, Map.of());
        cl.setOut(out).setErr(out);
        int code = cl.execute(args);
        out.flush();
        return new Captured(code, bytes.toString());
    }

    private record Captured(int code, String text) {
    }
}
