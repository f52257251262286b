package org.mcx.backend.acms.outbox;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.mcx.backend.system.SystemContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which partners' outboxes this node drains. Every {@code renewEvery} it renews the leases it
 * holds and claims partners that nobody holds or whose lease ran out ({@link OwnerTable}), then
 * tells its {@link Holder} which it gained (with the fence to record outcomes under) and which it
 * lost. A node that cannot renew in time (its database is slow or gone) gives its partners up by
 * itself once its lease may have run out, measured from when it asked for the renewal. Runs on the
 * links' thread, so its state needs no locks.
 */
final class LinkOwnership {
    private static final Logger log = LoggerFactory.getLogger(LinkOwnership.class);

    /** Told on the links' thread. */
    interface Holder {
        void gained(Lease lease);

        void lost(String partnerSystemId);
    }

    private record Held(long fence, long validUntilNanos) {
    }

    private final SystemContext ctx;
    private final OwnershipConfig config;
    private final OwnerTable table;
    private final ScheduledExecutorService thread;
    private final Holder holder;
    private final Map<String, Held> held = new TreeMap<>(); // links' thread only
    private final CompletableFuture<Void> firstRound = new CompletableFuture<>();
    private ScheduledFuture<?> ticks;
    /** A round due when another node's lease runs out, sooner than the next tick. */
    private ScheduledFuture<?> atExpiry;
    private boolean running;
    private boolean again;
    private boolean stopped;
    /** Rounds whose outcome was applied (or failed), for tests that wait for rounds rather than for time. */
    private volatile int rounds;

    LinkOwnership(SystemContext ctx, OwnershipConfig config, OwnerTable table, ScheduledExecutorService thread,
                  Holder holder) {
        this.ctx = ctx;
        this.config = config;
        this.table = table;
        this.thread = thread;
        this.holder = holder;
    }

    /** Starts the rounds, the first at once; completes when the first round's outcome is applied, whatever it was. */
    CompletableFuture<Void> start() {
        long every = config.renewEvery().toMillis();
        post(() -> ticks = thread.scheduleWithFixedDelay(this::round, 0, every, TimeUnit.MILLISECONDS));
        return firstRound;
    }

    /** A round now, not at the next tick: a partner was added, changed or removed. */
    void checkNow() {
        post(this::round);
    }

    private void round() {
        if (stopped) {
            return;
        }
        giveUpUnrenewed();
        if (running) {
            again = true; // one round at a time; the next starts when this one is applied
            return;
        }
        running = true;
        Map<String, Long> mine = new HashMap<>();
        held.forEach((partner, h) -> mine.put(partner, h.fence()));
        long asked = System.nanoTime();
        ctx.db().write(tx -> table.round(tx, ctx.instanceId(), mine, config.lease(), config.exclusiveStore()))
                .whenCompleteAsync((found, failure) -> {
                    running = false;
                    if (failure != null) {
                        log.warn("could not renew or claim partner links; trying again in {} ms",
                                config.renewEvery().toMillis(), failure);
                    } else if (!stopped) {
                        apply(found.holds(), asked);
                        lookAgainAtExpiry(found.nextExpiryMillis());
                    }
                    rounds++; // only this thread writes it
                    firstRound.complete(null);
                    if (again) {
                        again = false;
                        round();
                    }
                }, thread);
    }

    /** What the database says this node holds now, against what it held: links to stop, links to start. */
    private void apply(Map<String, Long> now, long asked) {
        long validUntil = asked + config.lease().toNanos();
        for (Iterator<Map.Entry<String, Held>> it = held.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Held> h = it.next();
            Long fence = now.get(h.getKey());
            if (fence == null || fence != h.getValue().fence()) {
                it.remove();
                log.info("lost the link to partner {} (fence {}): another node holds it, or the partner is gone",
                        h.getKey(), h.getValue().fence());
                holder.lost(h.getKey());
            }
        }
        now.forEach((partner, fence) -> {
            boolean isNew = !held.containsKey(partner);
            held.put(partner, new Held(fence, validUntil));
            if (isNew) {
                log.info("holds the link to partner {} (fence {})", partner, fence);
                holder.gained(new Lease(partner, ctx.instanceId(), fence));
            }
        });
    }

    /**
     * Takeover within the lease rather than within the lease and a tick: when another node's lease
     * ends before the next tick, a round is run just after it ends (by the database's clock, as
     * measured at this round; a margin covers the time this round took to get here).
     */
    private void lookAgainAtExpiry(long inMillis) {
        if (inMillis >= config.renewEvery().toMillis()) {
            return;
        }
        if (atExpiry != null) {
            atExpiry.cancel(false);
        }
        atExpiry = thread.schedule(this::round, inMillis + 20, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops what could not be renewed within a lease of asking: another node may hold it by now.
     * Measured on this host's monotonic clock from before the renewal was asked for, which is no
     * later than the database's start of that transaction, so this errs on the early side. Not on
     * an H2 file: no other node can exist, so giving up would only stop links for a slow write.
     */
    private void giveUpUnrenewed() {
        if (config.exclusiveStore()) {
            return;
        }
        long now = System.nanoTime();
        for (Iterator<Map.Entry<String, Held>> it = held.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Held> h = it.next();
            if (now - h.getValue().validUntilNanos() > 0) {
                it.remove();
                log.warn("could not renew the link to partner {} in time; stopped it (another node may take it)",
                        h.getKey());
                holder.lost(h.getKey());
            }
        }
    }

    /**
     * Stops the rounds and, unless {@code release} is false, ends this node's leases now so that
     * another node takes its partners at its next round. Links' thread; the links are stopped first.
     */
    CompletableFuture<?> stop(boolean release) {
        stopped = true;
        if (ticks != null) {
            ticks.cancel(false);
        }
        if (atExpiry != null) {
            atExpiry.cancel(false);
        }
        held.clear();
        firstRound.complete(null);
        if (!release) {
            return CompletableFuture.completedFuture(null);
        }
        return ctx.db().write(tx -> OwnerTable.release(tx.connection(), ctx.instanceId()));
    }

    int rounds() {
        return rounds;
    }

    /** For tests: a node that stops renewing and claiming, as a paused process would; its links carry on. */
    void freeze() {
        post(() -> {
            stopped = true;
            if (ticks != null) {
                ticks.cancel(false);
            }
        });
    }

    private void post(Runnable work) {
        try {
            thread.execute(work);
        } catch (RejectedExecutionException closing) {
            log.debug("partner links closing; no ownership round");
        }
    }
}
