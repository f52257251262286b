package org.mcx.protocol.client;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread on which a client runs everything that is not I/O: its state machine, the
 * completion of request futures, event listeners and request handlers. Java-WebSocket's reading
 * thread only hands frames over, so a slow listener delays other callbacks but never the socket,
 * and events and handler calls keep the order in which they arrived. A second, timer thread only
 * wakes tasks up and hands them to the dispatcher.
 */
final class Dispatcher implements Executor {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final String name;
    private final ThreadPoolExecutor executor;
    private final ScheduledThreadPoolExecutor timer;
    private volatile Thread thread;

    Dispatcher(String name) {
        this.name = name;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name + "-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(() -> run(task));
        } catch (RejectedExecutionException e) {
            // Only callbacks of the socket arrive after close; the client no longer needs them.
            log.debug("{}: client closed, dropped a late callback", name);
        }
    }

    /** Runs {@code task} on the dispatcher after {@code delay}; throws if the client is closed. */
    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return timer.schedule(() -> execute(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    boolean isDispatcherThread() {
        return Thread.currentThread() == thread;
    }

    void shutdown() {
        timer.shutdownNow();
        executor.shutdown();
    }

    private void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // One faulty callback must not stop the delivery of everything after it.
            log.error("{}: a task on the client's dispatcher failed", name, e);
        }
    }
}
