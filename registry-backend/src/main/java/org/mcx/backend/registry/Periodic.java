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
 * database makes rounds late, it does not pile them up. A failed round is logged, and the next one
 * tries again; while the database stays down only the first failure is logged in full (a round a
 * second must not flood the log), and the recovery is logged with how many rounds failed.
 */
final class Periodic implements AutoCloseable {
    private final String what;
    private final Supplier<CompletableFuture<?>> round;
    private final Logger log;
    private final AtomicBoolean running = new AtomicBoolean();
    private int failedInARow; // only touched by the one round in flight
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
                if (failure == null) {
                    if (failedInARow > 0) {
                        log.info("{} works again after {} failed round(s)", what, failedInARow);
                    }
                    failedInARow = 0;
                } else if (failedInARow++ == 0) {
                    log.error("{} failed; trying again every round", what, failure);
                } else {
                    log.debug("{} failed again ({} in a row): {}", what, failedInARow, failure.toString());
                }
                running.set(false);
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
