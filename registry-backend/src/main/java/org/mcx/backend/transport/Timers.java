package org.mcx.backend.transport;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One shared scheduler for timeouts; its tasks only complete futures or close sessions. */
public final class Timers implements AutoCloseable {
    private final ScheduledThreadPoolExecutor scheduler;

    public Timers() {
        scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "mcx-timers");
            t.setDaemon(true);
            return t;
        });
        // Most timeouts are cancelled by an answer; drop them at once rather than when they would fire.
        scheduler.setRemoveOnCancelPolicy(true);
    }

    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return scheduler.schedule(task, delay, unit);
    }

    public ScheduledFuture<?> every(Runnable task, long period, TimeUnit unit) {
        return scheduler.scheduleWithFixedDelay(task, period, period, unit);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
