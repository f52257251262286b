package org.mcx.backend.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data directory that held a database never silently becomes a new, empty system. Before H2
 * opens the file (and would quietly start a fresh store over a truncated one), the file is looked
 * at read-only: missing while the directory says it held one, empty, unreadable, or holding
 * nothing — each stops the start with a sentence. Creating a new database over it is an explicit
 * act ({@code --new-database}), which keeps the damaged file aside.
 */
public final class StoreIntegrity {
    private static final Logger log = LoggerFactory.getLogger(StoreIntegrity.class);
    /** Written next to the database when it is created: this directory holds a database from then on. */
    static final String MARKER = "mcx.store";
    static final String FILE = "mcx.mv.db";
    private static final String WHAT_TO_DO = ": restore a backup (docs/operations.md, \"Backup and restore\"), or start once"
            + " with --new-database to begin again with an empty database (the damaged file is kept aside)";

    private StoreIntegrity() {
    }

    /** Refuses a missing or damaged database before H2 touches it; true when a new one is to be created. */
    static boolean checkBeforeOpen(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        boolean held = Files.exists(dataDir.resolve(MARKER));
        if (!Files.exists(file)) {
            if (held) {
                throw new StoreRefusedException("the database file " + file + " is missing, but this data directory held"
                        + " a database" + WHAT_TO_DO);
            }
            return true;
        }
        String damage = damage(file);
        if (damage != null) {
            throw new StoreRefusedException("the database file " + file + " is damaged (" + damage + ")" + WHAT_TO_DO);
        }
        return false;
    }

    /** What is wrong with the file, read without writing to it; null if it holds a store. */
    private static String damage(Path file) {
        try {
            if (Files.size(file) == 0) {
                return "it is empty: 0 bytes";
            }
        } catch (IOException e) {
            return "it cannot be read: " + e.getMessage();
        }
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            if (store.getMapNames().isEmpty()) {
                return "it holds no data: truncated or overwritten";
            }
            return null;
        } catch (RuntimeException e) {
            return "it cannot be read: " + e.getMessage();
        }
    }

    /** After the schema is in place: from now on this directory is known to hold a database. */
    static void markHeld(Path dataDir) {
        Path marker = dataDir.resolve(MARKER);
        if (Files.exists(marker)) {
            return;
        }
        try {
            Files.writeString(marker, "This directory holds the MCX Open Access database " + FILE + " (since "
                    + Instant.now() + "). Without " + FILE + " the backend refuses to start.\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + marker, e);
        }
    }

    /**
     * {@code --new-database}: when the database is missing or damaged, moves what is left of it
     * aside and forgets that the directory held one, so that the start creates a new, empty
     * database. A healthy database is never touched.
     */
    public static void startOverIfDamaged(Path dataDir) {
        try {
            checkBeforeOpen(dataDir);
            log.warn("--new-database ignored: the database in {} is readable and is kept", dataDir);
            return;
        } catch (StoreRefusedException damaged) {
            log.warn("--new-database: {}", damaged.getMessage());
        }
        try {
            Path file = dataDir.resolve(FILE);
            if (Files.exists(file)) {
                String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
                Path aside = dataDir.resolve(FILE + ".damaged-" + stamp);
                Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
                log.warn("the damaged database file is kept as {}", aside);
            }
            Files.deleteIfExists(dataDir.resolve(MARKER));
            log.warn("a new, empty database is created in {}", dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the damaged database in " + dataDir + " aside", e);
        }
    }
}
