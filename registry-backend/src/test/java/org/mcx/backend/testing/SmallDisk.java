package org.mcx.backend.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real, small filesystem (tmpfs) for tests of a full disk: it fills up with a real
 * "No space left on device" and frees up by deleting a file, as an operator would. Mounting needs
 * root (CAP_SYS_ADMIN); where that is missing the test is skipped and says why.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path mountPoint;
    private final Path filler;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler");
    }

    public static SmallDisk mount(Path dir, int megabytes) throws Exception {
        Files.createDirectories(dir);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        boolean mounted = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "a small tmpfs cannot be mounted here (needs root): " + output.strip());
        return new SmallDisk(dir);
    }

    public Path root() {
        return mountPoint;
    }

    /** Writes a file until the disk is full; returns the bytes it took. */
    public long fill() throws IOException {
        byte[] block = new byte[64 << 10];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        // Small writes can still fit in the last partial block: take them too.
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            for (int i = 0; i < 64 << 10; i++) {
                out.write(0);
                out.flush();
                written++;
            }
        } catch (IOException full) {
            // now nothing is left
        }
        return written;
    }

    public long freeBytes() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    /** Deletes what {@link #fill()} wrote. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws Exception {
        new ProcessBuilder("umount", "-l", mountPoint.toString()).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
    }
}
