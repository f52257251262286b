package org.mcx.backend.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mcx.backend.store.PostgresConfig;
import org.mcx.backend.store.StoreCopy;
import org.mcx.backend.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Moves a system from its H2 database to PostgreSQL in one step: run it with the backend stopped,
 * then start the backend with {@code database} set to the same URL. The H2 file is left as it
 * was (apart from migrations this version brings), so going back is starting without
 * {@code database}, as long as nothing was changed on PostgreSQL meanwhile.
 */
@Command(name = "migrate-to-postgres", mixinStandardHelpOptions = true,
        description = "Copies the stopped backend's H2 database (in --data-dir) into an empty PostgreSQL database.")
public final class MigrateToPostgresCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", required = true, description = "The data directory holding the H2 database (the server's --data-dir).")
    Path dataDir;

    @Option(names = "--database", required = true, paramLabel = "URL",
            description = "The empty PostgreSQL database, as the server's --database: jdbc:postgresql://db.example.org:5432/mcx.")
    String database;

    @Option(names = "--database-user", description = "The PostgreSQL role (it must own the database or be allowed to create tables in it).")
    String databaseUser;

    @Option(names = "--database-password-file", description = "File holding the role's password.")
    Path databasePasswordFile;

    @Override
    public Integer call() throws IOException {
        PostgresConfig target = target();
        CommandLine cl = spec.commandLine();
        try {
            StoreCopy.Copied copied = StoreCopy.h2ToPostgres(dataDir, target);
            for (Map.Entry<String, Long> table : copied.rows().entrySet()) {
                cl.getOut().printf("%-26s %d rows%n", table.getKey(), table.getValue());
            }
            cl.getOut().println("copied " + copied.total() + " rows of " + copied.rows().size() + " tables (schema "
                    + copied.schemaVersion() + ") from " + dataDir + " to " + target.where()
                    + "; start the backend with database = " + target.where());
            return 0;
        } catch (StoreException e) {
            // A sentence for the operator; the log (standard error) has the cause when there is one.
            cl.getErr().println("migrate-to-postgres: " + e.getMessage());
            if (e.getCause() != null) {
                org.slf4j.LoggerFactory.getLogger(MigrateToPostgresCommand.class).error("migrate-to-postgres failed", e);
            }
            return 1;
        }
    }

    private PostgresConfig target() throws IOException {
        String password = null;
        if (databasePasswordFile != null) {
            if (!Files.isReadable(databasePasswordFile)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--database-password-file " + databasePasswordFile + " cannot be read");
            }
            password = Files.readString(databasePasswordFile).strip();
        }
        try {
            return new PostgresConfig(database, databaseUser, password);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
    }
}
