package org.mcx.backend.acms.outbox;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.mcx.backend.store.Tx;

/**
 * The outcomes that nodes of one system committed, shared by all of them: which node recorded each
 * request {@code stored}, counted only once its transaction committed. A node may be set to fail
 * every record, as a node that dies between the partner's answer and its own commit would.
 */
final class RecordingAcks {
    static final Duration WAIT = Duration.ofSeconds(20);

    record Outcome(String requestId, String node, String what) {
    }

    private final List<Outcome> committed = new ArrayList<>(); // guarded by this

    /** What node {@code instance} records with; with {@code crashed}, every record fails and counts it down. */
    Acknowledgements forNode(String instance, CountDownLatch crashed) {
        return new Acknowledgements() {
            @Override
            public void stored(Tx tx, OutboxEntry entry) {
                if (crashed != null) {
                    crashed.countDown();
                    throw new IllegalStateException("test: node " + instance + " dies before this record commits");
                }
                tx.afterCommit(() -> add(new Outcome(entry.requestId(), instance, "stored")));
            }

            @Override
            public void refused(Tx tx, OutboxEntry entry, String reason) {
                tx.afterCommit(() -> add(new Outcome(entry.requestId(), instance, "refused: " + reason)));
            }
        };
    }

    private synchronized void add(Outcome outcome) {
        committed.add(outcome);
        notifyAll();
    }

    /** Every committed outcome so far, in commit order. */
    synchronized List<Outcome> outcomes() {
        return List.copyOf(committed);
    }

    /** Waits until {@code count} outcomes are committed, then returns them all. */
    synchronized List<Outcome> await(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (committed.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return fail("only " + committed.size() + " of " + count + " outcomes within " + WAIT + ": " + committed);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(committed);
    }
}
