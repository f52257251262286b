package org.mcx.backend.events;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import org.mcx.backend.store.CommitSignal;
import org.mcx.backend.store.Database;
import org.mcx.backend.store.StoreException;
import org.mcx.protocol.message.Common;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the committed event log to this node's {@link EventBus}: every event once, in
 * {@code seq} order, whichever node committed it. Numbers are handed out in commit order (the
 * {@code log_clock} row), so "everything up to N is committed" follows from seeing N.
 *
 * <p>This node's own events are published on the writer thread right after their commit, as before
 * there were several nodes: what the writer's callers and the after-commit actions expect (a reply
 * leaves after its event reached the feeds and caches) holds. Other nodes' events are read from the
 * log by a thread of its own, woken by their {@code NOTIFY} and, because a notification is lost
 * while nobody listens, every second anyway. The two meet under one lock; an event this node
 * committed but has not yet published is left to the writer, which publishes it after its own
 * after-commit actions (a registry table changes before anyone hears of the change).
 */
final class EventTail implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventTail.class);
    private static final int PAGE = 500;
    private static final long POLL_MILLIS = 1000;
    private static final long READ_TIMEOUT_SECONDS = 10;

    private final Database db;
    private final EventLog events;
    private final EventBus bus;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    /** Numbers this node's transactions hold, from the append until published or rolled back. */
    private final Set<Long> unpublishedOwn = ConcurrentHashMap.newKeySet();
    private volatile long published;
    private final Thread thread;
    private volatile boolean closed;

    EventTail(Database db, EventLog events, EventBus bus, long published) {
        this.db = db;
        this.events = events;
        this.bus = bus;
        this.published = published;
        this.thread = new Thread(this::run, "mcx-event-tail");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    long published() {
        return published;
    }

    /** Writer thread, in the transaction: {@code seq} is this node's to publish once it commits. */
    void appended(long seq) {
        unpublishedOwn.add(seq);
    }

    /** Writer thread: the transaction holding {@code seq} rolled back; the number will be handed out again. */
    void rolledBack(long seq) {
        unpublishedOwn.remove(seq);
    }

    /** Writer thread, after the commit: publishes this node's event, after any other node's before it. */
    void publishOwn(Common.Event event, String frame) {
        lock.lock();
        try {
            if (event.seq() > published + 1) {
                readAndPublish(event.seq() - 1);
            }
            if (event.seq() == published + 1) {
                publish(event, frame);
            } else if (event.seq() > published) {
                // Events before it could not be read: the tail publishes it later, in its turn.
                log.warn("event {} waits for the events before it (published up to {})", event.seq(), published);
            }
        } finally {
            unpublishedOwn.remove(event.seq());
            lock.unlock();
        }
    }

    /** Runs {@code work} with the number of the last published event; nothing is published meanwhile. */
    <T> T atPublishedPoint(LongFunction<T> work) {
        lock.lock();
        try {
            return work.apply(published);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every event up to {@code seq} (committed) is published here, then runs {@code work}
     * as {@link #atPublishedPoint} does.
     */
    <T> T afterPublishing(long seq, long timeoutMillis, LongFunction<T> work) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        catchUp();
        lock.lock();
        try {
            while (published < seq) {
                long before = published;
                if (!unpublishedOwn.contains(published + 1)) {
                    readAndPublish(seq);
                }
                if (published > before) {
                    continue;
                }
                // This node's own event is on its way from the writer, or the log could not be read: wait a little.
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new StoreException("events up to " + seq + " were not published within " + timeoutMillis
                            + " ms (published up to " + published + ")", null);
                }
                advanced.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return work.apply(published);
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        CommitSignal signal = null;
        while (!closed) {
            try {
                if (signal == null) {
                    signal = db.listenForEvents();
                }
                signal.await(POLL_MILLIS);
            } catch (SQLException e) {
                log.warn("lost the wake-ups of other nodes' events ({}); reading the log every second until back",
                        e.toString());
                signal = close(signal);
                pause();
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                log.error("event tail failed to wait; retrying", e);
                signal = close(signal);
                pause();
            }
            if (!closed) {
                catchUp();
            }
        }
        close(signal);
    }

    /** Reads what was committed after the last published event and publishes it; any thread. */
    void catchUp() {
        while (!closed) {
            long from = published;
            List<Common.Event> page = read(from, Long.MAX_VALUE);
            if (page == null || page.isEmpty()) {
                return;
            }
            int done;
            lock.lock();
            try {
                done = publishRead(page);
            } finally {
                lock.unlock();
            }
            if (page.size() < PAGE || done == 0) {
                return;
            }
        }
    }

    /** Lock held: reads the log up to {@code upTo} and publishes it in order, stopping at this node's own. */
    private void readAndPublish(long upTo) {
        while (published < upTo) {
            List<Common.Event> page = read(published, upTo);
            if (page == null || page.isEmpty() || publishRead(page) == 0) {
                return;
            }
        }
    }

    /** Lock held: publishes the events of {@code page} that follow the last published one, in order. */
    private int publishRead(List<Common.Event> page) {
        int done = 0;
        for (Common.Event e : page) {
            if (e.seq() <= published) {
                continue;
            }
            if (e.seq() != published + 1 || unpublishedOwn.contains(e.seq())) {
                break; // this node's own: its writer publishes it, after its after-commit actions
            }
            publish(e, events.encode(e));
            done++;
        }
        return done;
    }

    private void publish(Common.Event event, String frame) {
        bus.publish(new PublishedEvent(event, frame));
        published = event.seq();
        advanced.signalAll();
    }

    private List<Common.Event> read(long after, long upTo) {
        try {
            return db.read(c -> events.read(c, after, upTo, PAGE)).get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            if (!closed) {
                log.warn("cannot read the event log after seq {}; trying again ({})", after,
                        e.getCause() == null ? e.toString() : e.getCause().toString());
            }
            return null;
        } catch (RuntimeException e) {
            if (!closed) {
                log.warn("cannot read the event log after seq {}; trying again", after, e);
            }
            return null;
        }
    }

    private static CommitSignal close(CommitSignal signal) {
        if (signal != null) {
            signal.close();
        }
        return null;
    }

    private void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
