package org.mcx.backend.acms.outbox;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A node's {@link LinkOwnership} alone, without links: what it gains and loses is kept for the test. */
final class OwnershipProbe implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    /** A partner gained with {@code fence}, or lost ({@code fence} null). */
    record Change(String partner, Long fence) {
        static Change gained(String partner, long fence) {
            return new Change(partner, fence);
        }

        static Change lost(String partner) {
            return new Change(partner, null);
        }
    }

    final TestNode node;
    final LinkOwnership ownership;
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1);
    private final BlockingQueue<Change> changes = new LinkedBlockingQueue<>();

    OwnershipProbe(TestNode node, OwnershipConfig config) {
        this.node = node;
        this.ownership = new LinkOwnership(node.ctx, config, new OwnerTable(node.ctx.events()), thread,
                new LinkOwnership.Holder() {
                    @Override
                    public void gained(Lease lease) {
                        changes.add(Change.gained(lease.partnerSystemId(), lease.fence()));
                    }

                    @Override
                    public void lost(String partnerSystemId) {
                        changes.add(Change.lost(partnerSystemId));
                    }
                });
    }

    /** Starts the rounds; returns once the first one is applied. */
    OwnershipProbe start() {
        ownership.start().join();
        return this;
    }

    Change next() throws InterruptedException {
        Change c = changes.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return c != null ? c : fail(node.ctx.instanceId() + " gained and lost nothing within " + WAIT);
    }

    /** The changes reported so far and not yet taken. */
    List<Change> drain() {
        List<Change> all = new ArrayList<>();
        changes.drainTo(all);
        return all;
    }

    /** A round now, and back once it (or a later one) is applied. */
    void roundNow() throws InterruptedException {
        int before = ownership.rounds();
        ownership.checkNow();
        awaitRounds(before + 1);
    }

    /** Waits until {@code n} rounds in all are applied. */
    void awaitRounds(int n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (ownership.rounds() < n) {
            if (System.nanoTime() > deadline) {
                fail(node.ctx.instanceId() + " ran " + ownership.rounds() + " of " + n + " rounds within " + WAIT);
            }
            Thread.sleep(10);
        }
    }

    /** A clean stop: the leases are released. */
    void stopAndRelease() {
        CompletableFuture<Object> done = new CompletableFuture<>();
        thread.execute(() -> ownership.stop(true).whenComplete((v, e) -> done.complete(null)));
        done.join();
    }

    @Override
    public void close() {
        thread.execute(() -> ownership.stop(false));
        thread.shutdown();
        node.close();
    }
}
