package org.mcx.bench.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backend as its own process, as installed (same JVM flags that matter), so that the soak can
 * read its memory from outside and kill it with SIGKILL; its log lines are kept for counting.
 */
final class ChildBackend implements AutoCloseable {
    static final String ADMIN_PASSWORD = "soak-admin-password";
    private static final Pattern LISTENING = Pattern.compile("listening on (wss?://\\S+)");

    private final Process process;
    private final URI base;
    private final StringBuffer log;

    private ChildBackend(Process process, URI base, StringBuffer log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    static ChildBackend start(Path dataDir, int port, int pbkdf2Iterations, String heap) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), "org.mcx.backend.Main",
                "--data-dir", dataDir.toString(), "--port", String.valueOf(port), "--system-id", "soak",
                "--admin-password", ADMIN_PASSWORD, "--pbkdf2-iterations", String.valueOf(pbkdf2Iterations)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuffer log = new StringBuffer();
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    log.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        listening.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
            listening.completeExceptionally(new IllegalStateException("the backend ended before listening:\n" + log));
        }, "soak-backend-output");
        reader.setDaemon(true);
        reader.start();
        return new ChildBackend(p, listening.get(60, TimeUnit.SECONDS), log);
    }

    URI base() {
        return base;
    }

    long pid() {
        return process.pid();
    }

    /** Resident memory of the process, from /proc. */
    long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }

    /** Heap in use after a full collection, through jcmd (GC.run, then GC.heap_info). */
    long heapUsedAfterGc() throws Exception {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    }

    private String jcmd(String command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    int linesContaining(String text) {
        return (int) log.toString().lines().filter(l -> l.contains(text)).count();
    }

    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill9();
        }
    }
}
