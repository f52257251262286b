package org.mcx.backend.registry;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.mcx.backend.transport.Timers;
import org.slf4j.Logger;

/**
 * A piece of database work run on the shared timers every interval, at most one in flight: a slow
 * database makes rounds late, it does not pile them up. A failed round is logged; the next one
 * tries again.
 */
final class Periodic implements AutoCloseable {
    private final String what;
    private final Supplier<CompletableFuture<?>> round;
    private final Logger log;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile ScheduledFuture<?> schedule;

    Periodic(String what, Supplier<CompletableFuture<?>> round, Logger log) {
        this.what = what;
        this.round = round;
        this.log = log;
    }

    Periodic start(Timers timers, Duration interval) {
        schedule = timers.every(this::tick, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            round.get().whenComplete((done, failure) -> {
                running.set(false);
                if (failure != null) {
                    log.error("{} failed; the next round tries again", what, failure);
                }
            });
        } catch (RuntimeException e) {
            running.set(false);
            log.error("{} could not start", what, e);
        }
    }

    @Override
    public void close() {
        ScheduledFuture<?> s = schedule;
        if (s != null) {
            s.cancel(false);
        }
    }
}
