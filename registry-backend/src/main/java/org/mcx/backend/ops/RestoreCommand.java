package org.mcx.backend.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.zip.ZipFile;
import org.h2.tools.Restore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Puts a backup made by {@code BACKUP TO} (the scheduled backups) back as the data directory's
 * database. Run it with the server stopped; the next start opens the restored data (and migrates
 * it, when the backup is from an older version).
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restores the H2 database from an online backup (stop the server first); a PostgreSQL"
                + " database is restored with pg_restore.")
public final class RestoreCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RestoreCommand.class);
    static final String DATABASE = "mcx";

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, description = "The backup, e.g. /var/backups/mcx-registry/mcx-backup-20260101-030000.zip.")
    Path backup;

    @Option(names = "--data-dir", required = true, description = "The data directory to restore into (the server's --data-dir).")
    Path dataDir;

    @Option(names = "--force", description = "Replace an existing database; it is kept beside as mcx.mv.db.before-restore-<time>.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        try (ZipFile zip = new ZipFile(backup.toFile())) {
            if (zip.getEntry(DATABASE + ".mv.db") == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        backup + " is not a backup of this server's database (no " + DATABASE + ".mv.db inside)");
            }
        }
        Files.createDirectories(dataDir);
        Path current = dataDir.resolve(DATABASE + ".mv.db");
        if (Files.exists(current)) {
            if (!force) {
                throw new CommandLine.ParameterException(spec.commandLine(), current
                        + " exists: stop the server and add --force to replace it (it is kept beside)");
            }
            Path aside = current.resolveSibling(current.getFileName() + ".before-restore-"
                    + Instant.now().toString().replace(':', '-'));
            Files.move(current, aside);
            log.info("the database it replaces is kept as {}", aside);
        }
        Restore.execute(backup.toString(), dataDir.toString(), DATABASE);
        log.info("restored {} into {}", backup, dataDir);
        spec.commandLine().getOut().println("restored " + backup + " into " + dataDir
                + "; start the server to use it");
        return 0;
    }
}
