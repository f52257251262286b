package org.mcx.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts, per round, the receivers that got the round's frame: each receiver once, and only for a
 * frame at least as new as the round's tag (a late re-send of an older one does not count). The
 * receiver that completes the round stamps the time, so the figure does not include waking the
 * thread that waits.
 */
final class Arrivals {
    private final int receivers;
    private final AtomicReference<Round> current = new AtomicReference<>();

    Arrivals(int receivers) {
        this.receivers = receivers;
    }

    /** Starts a round whose frames carry {@code tag} or newer; call just before sending. */
    Round begin(long tag) {
        Round round = new Round(receivers, tag, System.nanoTime());
        current.set(round);
        return round;
    }

    /** Receiver {@code index} got a frame tagged {@code tag}; on the receiver's thread. */
    void arrived(int index, long tag) {
        Round round = current.get();
        if (round != null && tag >= round.tag) {
            round.arrived(index);
        }
    }

    /** One broadcast: started at {@link #start}, complete when every receiver has its frame. */
    static final class Round {
        private final long tag;
        private final long start;
        private final AtomicIntegerArray seen;
        private final AtomicInteger remaining;
        private final CountDownLatch all = new CountDownLatch(1);
        private volatile long first;
        private volatile long last;

        private Round(int receivers, long tag, long start) {
            this.tag = tag;
            this.start = start;
            this.seen = new AtomicIntegerArray(receivers);
            this.remaining = new AtomicInteger(receivers);
        }

        private void arrived(int index) {
            if (!seen.compareAndSet(index, 0, 1)) {
                return;
            }
            long now = System.nanoTime();
            int left = remaining.decrementAndGet();
            if (left == seen.length() - 1) {
                first = now;
            }
            if (left == 0) {
                last = now;
                all.countDown();
            }
        }

        /** Whether every receiver got its frame within {@code timeout}. */
        boolean await(Duration timeout) throws InterruptedException {
            return all.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        long startNanos() {
            return start;
        }

        int missing() {
            return remaining.get();
        }

        long toFirstNanos() {
            return first - start;
        }

        long toAllNanos() {
            return last - start;
        }
    }
}
