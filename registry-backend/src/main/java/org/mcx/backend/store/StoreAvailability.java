package org.mcx.backend.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store takes work, and its way back when it does not. Two faults, each logged once
 * when it starts and once when it ends:
 * <ul>
 *   <li><b>full</b>: less than the reserve is free on the data directory's disk. Writes are refused
 *       before H2 tries them, so the database stays open and reads go on; writes resume as soon as
 *       space is free again.</li>
 *   <li><b>lost</b>: H2 failed to write (the disk filled up under it, or another I/O error) and
 *       closed the database. Everything is refused until the writer thread has reopened it, which
 *       it tries every second once there is space; H2 recovers the file to its last commit, which
 *       holds every acknowledged change.</li>
 * </ul>
 */
final class StoreAvailability {
    private static final Logger log = LoggerFactory.getLogger(StoreAvailability.class);
    static final String FULL = "storage full: changes are refused until disk space is freed on the server";
    static final String LOST = "storage unavailable: the database failed and is being reopened; try again shortly";
    private static final Duration REOPEN_EVERY = Duration.ofSeconds(1);

    /** Reopens the database on the writer thread; throws if it cannot yet. */
    interface Reopener {
        void reopen() throws Exception;
    }

    private final String where;
    private final Path dataDir;
    private final FileStore disk;
    private final long reserveBytes;
    private final Reopener reopener;
    private final AtomicLong refused = new AtomicLong();
    private volatile String refusal;
    private volatile boolean lost;
    private volatile Instant since;
    private Instant lastReopenAttempt = Instant.EPOCH;

    /**
     * @param where   the database, for the log
     * @param dataDir the local disk to keep {@code reserveBytes} free on; null when the data is not
     *                local (PostgreSQL), so that only failures reported by the database count
     */
    StoreAvailability(String where, Path dataDir, long reserveBytes, Reopener reopener) {
        this.where = where;
        this.dataDir = dataDir;
        this.reserveBytes = reserveBytes;
        this.reopener = reopener;
        try {
            this.disk = dataDir == null ? null : Files.getFileStore(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find the disk of " + dataDir, e);
        }
    }

    /** The refusal to answer now, or null when the store takes work. Cheap: read on every request. */
    StoreUnavailableException refusal() {
        String why = refusal;
        if (why == null) {
            return null;
        }
        refused.incrementAndGet();
        return new StoreUnavailableException(why);
    }

    /** The refusal for a read: only while H2 has the database closed (a full disk still lets reads run). */
    StoreUnavailableException readRefusal() {
        return lost ? refusal() : null;
    }

    /** Whether work is being refused, so that the idle writer keeps checking for the way back. */
    boolean refusing() {
        return refusal != null;
    }

    /**
     * Writer thread, before a batch and when idle: checks the disk and, if the database was lost,
     * reopens it. True if the batch may run.
     */
    boolean beforeWriting() {
        long free = freeBytes();
        if (lost) {
            return tryReopen(free);
        }
        if (free < reserveBytes) {
            enter(FULL, false, null, free);
            return false;
        }
        if (refusal != null) {
            leave(free);
        }
        return true;
    }

    /** H2 failed on a storage fault; the database is closed until reopened. Any thread. */
    void lost(Throwable cause) {
        enter(StorageFailure.isDiskFull(cause) ? FULL : LOST, true, cause, freeBytes());
    }

    private boolean tryReopen(long free) {
        Instant now = Instant.now();
        if (free < reserveBytes || Duration.between(lastReopenAttempt, now).compareTo(REOPEN_EVERY) < 0) {
            return false;
        }
        lastReopenAttempt = now;
        try {
            reopener.reopen();
        } catch (Exception e) {
            log.debug("the database in {} does not reopen yet: {}", where, e.toString());
            return false;
        }
        lost = false;
        leave(free);
        return true;
    }

    private synchronized void enter(String why, boolean closed, Throwable cause, long free) {
        boolean first = refusal == null;
        if (closed) {
            lost = true;
        }
        if (first || !why.equals(refusal)) {
            refusal = why;
            since = since == null ? Instant.now() : since;
            if (cause == null) {
                log.error("database writes refused: {} MB free on the disk of {}, {} MB needed; they resume by themselves"
                        + " once space is freed", free >> 20, dataDir, reserveBytes >> 20);
            } else if (disk == null) {
                log.error("the database at {} failed or cannot be reached; requests are refused until it is back,"
                        + " which is tried every second", where, cause);
            } else {
                log.error("the database in {} failed and was closed ({} MB free); requests are refused until it reopens,"
                        + " which is tried every second", where, free >> 20, cause);
            }
        }
    }

    private synchronized void leave(long free) {
        if (refusal == null) {
            return;
        }
        if (disk == null) {
            log.warn("database available again after {} s; {} requests were refused meanwhile",
                    Duration.between(since, Instant.now()).toSeconds(), refused.getAndSet(0));
        } else {
            log.warn("database available again after {} s ({} MB free); {} requests were refused meanwhile",
                    Duration.between(since, Instant.now()).toSeconds(), free >> 20, refused.getAndSet(0));
        }
        refusal = null;
        since = null;
    }

    private long freeBytes() {
        if (disk == null) {
            return Long.MAX_VALUE;
        }
        try {
            return disk.getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }
}
