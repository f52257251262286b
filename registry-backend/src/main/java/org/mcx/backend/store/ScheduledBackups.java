package org.mcx.backend.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online backups of the running database on a schedule: H2's {@code BACKUP TO} on the writer
 * thread (so the copy is a consistent point between transactions, while the server keeps
 * serving), into {@code mcx-backup-<UTC time>.zip}, keeping the newest {@code keep}. A backup is
 * written under a temporary name and renamed when complete, so a file with the final name is
 * always a whole backup. Restore: stop the server, {@code registry-backend restore --from ZIP}.
 */
public final class ScheduledBackups implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScheduledBackups.class);
    static final String PREFIX = "mcx-backup-";
    static final String SUFFIX = ".zip";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Database db;
    private final Path dir;
    private final int keep;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    private ScheduledBackups(Database db, Path dir, int keep, Clock clock) {
        this.db = db;
        this.dir = dir;
        this.keep = keep;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mcx-backup");
            t.setDaemon(true);
            return t;
        });
    }

    /** Backs up every {@code interval}, the first one an interval after start. */
    public static ScheduledBackups start(Database db, Path dir, Duration interval, int keep) throws IOException {
        if (interval.isZero() || interval.isNegative() || keep < 1) {
            throw new IllegalArgumentException("a backup interval must be positive and at least one backup kept");
        }
        Files.createDirectories(dir);
        ScheduledBackups backups = new ScheduledBackups(db, dir, keep, Clock.systemUTC());
        backups.timer.scheduleWithFixedDelay(backups::backupLogged, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("online backups every {} into {}, newest {} kept", interval, dir, keep);
        return backups;
    }

    /** Backups on demand only ({@link #backupNow()}), stamped by {@code clock}: for tests. */
    static ScheduledBackups unscheduled(Database db, Path dir, int keep, Clock clock) throws IOException {
        Files.createDirectories(dir);
        return new ScheduledBackups(db, dir, keep, clock);
    }

    /** Writes one backup now and prunes old ones; returns the backup's path. */
    public Path backupNow() throws IOException {
        long started = System.nanoTime();
        Path target = dir.resolve(PREFIX + STAMP.format(clock.instant()) + SUFFIX);
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        db.backupTo(partial).join();
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        log.info("backup written to {} ({} bytes, {} ms)", target, Files.size(target),
                (System.nanoTime() - started) / 1_000_000);
        prune();
        return target;
    }

    private void backupLogged() {
        try {
            backupNow();
        } catch (IOException | RuntimeException e) {
            // The next run tries again; the operator sees it in the log (and the journal: ERROR).
            log.error("online backup into {} failed", dir, e);
        }
    }

    private void prune() throws IOException {
        List<Path> backups = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            files.forEach(backups::add);
        }
        backups.sort(Comparator.comparing(p -> p.getFileName().toString())); // the UTC stamp sorts by time
        for (int i = 0; i < backups.size() - keep; i++) {
            Files.delete(backups.get(i));
            log.info("old backup {} removed", backups.get(i));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow(); // never inside H2: BACKUP TO runs on the database's writer thread
    }
}
