package org.mcx.backend.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one change after another, as fast as they are answered, on a thread of its own, and keeps
 * each change the backend acknowledged. A change that failed (its node died with it, or the client
 * was between nodes) is neither acknowledged nor forgotten: it may or may not have been committed,
 * and the writer goes on with the next.
 */
final class Writer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Writer.class);

    /** One change; returns what was acknowledged (an id, a version), or throws. */
    interface Step {
        String write(int n) throws Exception;
    }

    /** A change sent at {@code sentNanos}, acknowledged at {@code atNanos}. */
    record Ack(String what, long sentNanos, long atNanos) {
    }

    private final String name;
    private final Step step;
    private final List<Ack> acks = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stopping;

    Writer(String name, Step step) {
        this.name = name;
        this.step = step;
        this.thread = new Thread(this::run, "writer-" + name);
        this.thread.setDaemon(true);
    }

    Writer start() {
        thread.start();
        return this;
    }

    private void run() {
        for (int n = 0; !stopping; n++) {
            long sent = System.nanoTime();
            try {
                acks.add(new Ack(step.write(n), sent, System.nanoTime()));
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failures.incrementAndGet();
                log.debug("{}: change {} failed: {}", name, n, e.toString());
                try {
                    Thread.sleep(5); // not connected fails at once: do not spin while the client moves
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    String name() {
        return name;
    }

    List<Ack> acks() {
        return List.copyOf(acks);
    }

    List<String> acknowledged() {
        return acks.stream().map(Ack::what).toList();
    }

    int failures() {
        return failures.get();
    }

    /** Waits (generously) until {@code count} changes in all were acknowledged. */
    void awaitAcks(int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (acks.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + ": " + acks.size() + " of " + count + " changes acknowledged within "
                        + timeoutMillis + " ms (" + failures.get() + " failed)");
            }
            Thread.sleep(10);
        }
    }

    /** The first change sent after {@code sinceNanos} and acknowledged, or null: served by a node alive then. */
    Ack firstAckSentAfter(long sinceNanos) {
        return acks.stream().filter(a -> a.sentNanos() > sinceNanos).findFirst().orElse(null);
    }

    /** The longest time between two acknowledgements within [from, to] (nanoTime), in nanoseconds. */
    long longestPause(long from, long to) {
        long longest = 0;
        Ack previous = null;
        for (Ack a : acks) {
            if (a.atNanos() < from || a.atNanos() > to) {
                continue;
            }
            if (previous != null) {
                longest = Math.max(longest, a.atNanos() - previous.atNanos());
            }
            previous = a;
        }
        return longest;
    }

    /** Finishes the change under way and stops. */
    void stop() throws InterruptedException {
        stopping = true;
        thread.join(30_000);
        if (thread.isAlive()) {
            throw new AssertionError(name + " did not stop within 30 s");
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.interrupt();
        thread.join(5_000);
    }
}
