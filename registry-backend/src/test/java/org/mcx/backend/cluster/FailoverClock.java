package org.mcx.backend.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.wire.MessageType;

/**
 * Measures how long after a kill a client is served again: from just before the SIGKILL to the
 * first answer to a request sent after it (only a live node can have answered that). Measured for
 * the log and the benchmark, never asserted: on two shared cores the figures move with the load.
 */
final class FailoverClock {
    private static final long RETRY_MILLIS = 5;

    private FailoverClock() {
    }

    /**
     * Sends {@code type} again and again from now, on a thread of its own, until one is answered;
     * completes with the time from {@code killedAt} to that answer, or fails after {@code timeoutMillis}.
     */
    static CompletableFuture<Duration> servedAgain(ProtocolClient client, MessageType type, Body body, long killedAt,
                                                   long timeoutMillis) {
        return until(() -> {
            try {
                client.request(type, body, type.responseBody(), Duration.ofSeconds(5)).get();
                return true;
            } catch (Exception notYet) { // not connected, or its node died under it: try again
                return false;
            }
        }, client + " served again", killedAt, timeoutMillis);
    }

    /** Checks {@code done} again and again from now, on a thread of its own; the time from {@code killedAt} to its first true. */
    static CompletableFuture<Duration> until(BooleanSupplier done, String what, long killedAt, long timeoutMillis) {
        CompletableFuture<Duration> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (System.nanoTime() < deadline) {
                if (done.getAsBoolean()) {
                    result.complete(Duration.ofNanos(System.nanoTime() - killedAt));
                    return;
                }
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException e) {
                    result.completeExceptionally(e);
                    return;
                }
            }
            result.completeExceptionally(new AssertionError(what + ": not within " + timeoutMillis + " ms of the kill"));
        }, "failover-clock");
        t.setDaemon(true);
        t.start();
        return result;
    }

    /** "p50 412 ms, p99 1,020 ms, max 1,020 ms (n = 8)"; nearest rank. */
    static String summary(List<Duration> samples) {
        if (samples.isEmpty()) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "p50 %d ms, p99 %d ms, max %d ms (n = %d)", percentile(samples, 50),
                percentile(samples, 99), percentile(samples, 100), samples.size());
    }

    /** The nearest-rank percentile, in milliseconds. */
    static long percentile(List<Duration> samples, double p) {
        List<Duration> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1)).toMillis();
    }
}
