package org.mcx.backend.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes. It takes whatever work has queued up: consecutive transactional
 * items go into one group commit, and anything else (a quiet-point task) runs alone, between
 * commits, exactly where it was queued.
 */
final class WriterThread implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WriterThread.class);
    static final int MAX_BATCH = 64;

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final TransactionRunner runner;
    private final StoreAvailability availability;
    private final Thread thread;
    private volatile boolean stopping;

    WriterThread(TransactionRunner runner, StoreAvailability availability) {
        this.runner = runner;
        this.availability = availability;
        this.thread = new Thread(this::loop, "mcx-db-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void submit(TransactionRunner.Item<?> item) {
        enqueue(item);
    }

    void submit(Runnable quietTask) {
        enqueue(quietTask);
    }

    private void enqueue(Object work) {
        if (stopping) {
            throw new StoreException("the database is closing", null);
        }
        queue.add(work);
    }

    private void loop() {
        List<Object> taken = new ArrayList<>();
        List<TransactionRunner.Item<?>> batch = new ArrayList<>();
        while (!stopping || !queue.isEmpty()) {
            try {
                Object first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (availability.refusing()) {
                        availability.beforeWriting(); // idle: look for the way back, so reads return too
                    }
                    continue;
                }
                taken.add(first);
                queue.drainTo(taken, MAX_BATCH - 1);
                boolean writable = availability.beforeWriting();
                for (Object work : taken) {
                    if (!writable && work instanceof TransactionRunner.Item<?> refused) {
                        refused.result().completeExceptionally(availability.refusal());
                        continue;
                    }
                    if (work instanceof TransactionRunner.Item<?> item) {
                        batch.add(item);
                    } else {
                        flush(batch);
                        runQuietly((Runnable) work);
                    }
                }
                flush(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                log.error("database writer failed on a batch", e);
            } finally {
                taken.clear();
                batch.clear();
            }
        }
    }

    private void flush(List<TransactionRunner.Item<?>> batch) {
        if (!batch.isEmpty()) {
            runner.runBatch(List.copyOf(batch));
            batch.clear();
        }
    }

    private static void runQuietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("quiet-point task failed", e);
        }
    }

    boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    /** Finishes what is queued, then stops. */
    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(10_000);
            if (thread.isAlive()) {
                log.warn("database writer did not finish within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
