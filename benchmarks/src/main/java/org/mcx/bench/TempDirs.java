package org.mcx.bench;

import java.nio.file.Path;
import org.mcx.server.Trees;

/** Temporary directories for databases; deleted after the run. */
public final class TempDirs {
    private TempDirs() {
    }

    public static void delete(Path dir) {
        Trees.delete(dir);
    }
}
