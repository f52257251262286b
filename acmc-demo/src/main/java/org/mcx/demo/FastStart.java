package org.mcx.demo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the demo in a child JVM started with flags that suit a short start-up: class-data sharing
 * from an archive of this jar's classes (made by the first run, kept in the user's cache) and C1-only
 * compilation. Measured in docs/benchmarks.md: the window comes up about four times sooner. A
 * {@code java -jar} command cannot carry JVM flags itself, hence the child. The parent only waits,
 * passes its exit code on and stops the child when it is stopped itself.
 *
 * <p>Off with {@code ACMC_FAST_START=0}; never when not running from the jar (an IDE, tests).
 */
final class FastStart {
    static final String CHILD = "acmc.child";
    static final String LAUNCHED_AT = "acmc.launchedAt";

    private FastStart() {
    }

    /** Whether this JVM should hand the demo over to a tuned child. */
    static boolean wanted() {
        return System.getProperty(CHILD) == null
                && !"0".equals(System.getenv("ACMC_FAST_START")) && jar().isPresent();
    }

    /** Runs the child and returns its exit code, or empty when it could not be started (run here instead). */
    static Optional<Integer> run(String[] args) {
        Path jar = jar().orElseThrow();
        Optional<String> java = ProcessHandle.current().info().command();
        if (java.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.get());
        // Keep what the user gave this JVM (-Xmx, -D...), minus what is set here.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-XX:SharedArchiveFile") && !a.startsWith("-XX:ArchiveClassesAtExit"))
                .forEach(command::add);
        command.add("-XX:TieredStopAtLevel=1");
        // A runtime without the JDK's base archive (a bare jlinked one) refuses to start with the
        // archive flags: "DynamicDumpSharedSpaces is unsupported when base CDS archive is not loaded".
        Path archive = hasBaseArchive() ? archiveFor(jar) : null;
        Path fresh = null;
        if (archive != null && Files.isReadable(archive)) {
            command.add("-XX:SharedArchiveFile=" + archive);
        } else if (archive != null) {
            fresh = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            command.add("-XX:ArchiveClassesAtExit=" + fresh);
        }
        command.add("-D" + CHILD + "=true");
        command.add("-D" + LAUNCHED_AT + "=" + ManagementFactory.getRuntimeMXBean().getStartTime());
        command.addAll(List.of("-cp", jar.toString(), DemoMain.class.getName()));
        command.addAll(List.of(args));
        try {
            Process child = new ProcessBuilder(command).inheritIO().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (child.isAlive()) {
                    child.destroy(); // SIGTERM: the child's own hook closes its sessions and systems
                }
            }, "acmc-stop-child"));
            int code = child.waitFor();
            if (fresh != null && Files.exists(fresh)) {
                Files.move(fresh, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                removeOtherArchives(archive);
            }
            return Optional.of(code);
        } catch (IOException e) {
            log().warn("could not start the demo in a tuned JVM; starting it here", e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(130);
        }
    }

    /** Whether this JVM's runtime carries the JDK's base class-data archive, which a dynamic archive builds on. */
    static boolean hasBaseArchive() {
        Path server = Path.of(System.getProperty("java.home"), "lib", "server");
        return Files.isRegularFile(server.resolve("classes.jsa")) || Files.isRegularFile(server.resolve("classes_nocoops.jsa"));
    }

    /** Archives of earlier builds are of no use any more (about 55 MB each). */
    private static void removeOtherArchives(Path keep) {
        try (var others = Files.list(keep.getParent())) {
            for (Path p : (Iterable<Path>) others::iterator) {
                String name = p.getFileName().toString();
                if (!p.equals(keep) && name.startsWith("classes-") && name.endsWith(".jsa")) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            log().debug("could not remove old class-data archives: {}", e.toString());
        }
    }

    /** One archive per jar build and JDK, in the user's cache; null when there is no writable cache. */
    private static Path archiveFor(Path jar) {
        try {
            String base = System.getenv("XDG_CACHE_HOME");
            Path cache = (base != null && !base.isBlank() ? Path.of(base) : Path.of(System.getProperty("user.home"), ".cache"))
                    .resolve("acmc-demo");
            Files.createDirectories(cache);
            String key = Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis() + "-"
                    + Runtime.version().toString().replaceAll("[^A-Za-z0-9.]", "_");
            return cache.resolve("classes-" + key + ".jsa");
        } catch (IOException | RuntimeException e) {
            log().debug("no cache for the class-data archive: {}", e.toString());
            return null;
        }
    }

    /** Only when needed: setting logging up would cost the parent, which only waits, a good part of its start. */
    private static Logger log() {
        return LoggerFactory.getLogger(FastStart.class);
    }

    private static Optional<Path> jar() {
        try {
            Path p = Path.of(DemoMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.toString().endsWith(".jar") && Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
