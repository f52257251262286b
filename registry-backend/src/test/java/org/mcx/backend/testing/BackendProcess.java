package org.mcx.backend.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mcx.backend.store.PostgresConfig;

/**
 * The backend as its own operating-system process, started from the test classpath through
 * {@code Main} exactly as the jar would run it, so a test can {@code kill -9} it.
 */
public final class BackendProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on ((?:wss?|https?)://\\S+)");

    public static final String BACKEND_MAIN = "org.mcx.backend.Main";

    private final Process process;
    private final URI base;
    private final StringBuffer output;
    private final Thread reader;

    private BackendProcess(Process process, URI base, StringBuffer output, Thread reader) {
        this.process = process;
        this.base = base;
        this.output = output;
        this.reader = reader;
    }

    public static BackendProcess start(Path dataDir, String systemId, String... extraArgs) throws Exception {
        return start(dataDir, systemId, 0, extraArgs);
    }

    /** On a given port, so that partners find it again after a restart. */
    public static BackendProcess start(Path dataDir, String systemId, int port, String... extraArgs) throws Exception {
        // Through the real options, as an operator would: on PostgreSQL, the data directory's own database.
        return start(dataDir, systemId, port, TestStores.onPostgres() ? TestStores.postgresFor(dataDir) : null, extraArgs);
    }

    /**
     * One node of a cluster: on {@code database}, which the system's other nodes share, rather than
     * the data directory's own; the data directory keeps only what is the node's (its TLS material).
     *
     * @param database null: H2 in {@code dataDir}
     */
    public static BackendProcess start(Path dataDir, String systemId, int port, PostgresConfig database,
                                       String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--data-dir", dataDir.toString(), "--port", String.valueOf(port), "--system-id", systemId,
                "--admin-password", BackendFixture.ADMIN_PASSWORD, "--pbkdf2-iterations", "1000"));
        if (database != null) {
            args.addAll(List.of("--database", database.url(), "--database-user", database.user()));
        }
        args.addAll(List.of(extraArgs));
        return launch(args, Map.of());
    }

    /** {@code Main} with exactly these arguments and these environment variables added to ours. */
    public static List<String> command(List<String> args) {
        return command(BACKEND_MAIN, args);
    }

    /** This main class of the test classpath with exactly these arguments. */
    public static List<String> command(String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(args);
        return cmd;
    }

    /** Starts {@code Main} with exactly {@code args} (plus {@code environment}) and waits for its listening line. */
    public static BackendProcess launch(List<String> args, Map<String, String> environment) throws Exception {
        return launch(BACKEND_MAIN, args, environment);
    }

    /** Starts a server's main class (the backend's, the access server's) and waits for its listening line. */
    public static BackendProcess launch(String mainClass, List<String> args, Map<String, String> environment)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command(mainClass, args)).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process p = builder.start();
        StringBuffer output = new StringBuffer();
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        listening.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
            listening.completeExceptionally(new IllegalStateException("backend exited:\n" + output));
        }, "backend-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new BackendProcess(p, listening.get(60, TimeUnit.SECONDS), output, reader);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("backend did not start:\n" + output, e);
        }
    }

    public URI base() {
        return base;
    }

    /** The operating system's id of the process (for logs: which node was killed). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() {
        return output.toString();
    }

    /** SIGKILL: no shutdown hook, no flush, nothing but what was already written. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the clean stop an operator's service manager sends. Returns the exit code. */
    public int terminate() throws InterruptedException {
        // Process.destroy() would also close our end of its output, losing what it says while stopping.
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("backend did not stop on SIGTERM:\n" + output);
        }
        reader.join(10_000);
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
