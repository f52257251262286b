package org.mcx.access;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.mcx.protocol.model.Priority;

/**
 * What the service access server did: requests, refusals by reason, shedding by priority, priorities
 * lowered to the user's maximum, upstream latency.
 */
public final class AccessCounters {
    private final LongAdder received = new LongAdder();
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder downgraded = new LongAdder();
    private final LongAdder upstreamNanos = new LongAdder();
    private final Map<String, LongAdder> denied = new ConcurrentHashMap<>();
    private final Map<Priority, LongAdder> shed = new EnumMap<>(Priority.class);

    AccessCounters() {
        for (Priority p : Priority.values()) {
            shed.put(p, new LongAdder());
        }
    }

    void received() {
        received.increment();
    }

    void forwarded(long nanos) {
        forwarded.increment();
        upstreamNanos.add(nanos);
    }

    void retried() {
        retried.increment();
    }

    void denied(String reason) {
        denied.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void upstreamFailed(String reason) {
        denied(reason);
    }

    void downgraded() {
        downgraded.increment();
    }

    void shed(Priority priority) {
        shed.get(priority).increment();
    }

    /** A consistent-enough copy for display. */
    public Snapshot snapshot() {
        Map<String, Long> deniedCopy = new TreeMap<>();
        denied.forEach((k, v) -> deniedCopy.put(k, v.sum()));
        Map<String, Long> shedCopy = new TreeMap<>();
        shed.forEach((k, v) -> shedCopy.put(k.wireName(), v.sum()));
        long n = forwarded.sum();
        return new Snapshot(received.sum(), n, retried.sum(), deniedCopy, shedCopy, downgraded.sum(),
                n == 0 ? 0 : upstreamNanos.sum() / n / 1000);
    }

    public record Snapshot(long received, long forwarded, long retried, Map<String, Long> denied,
                           Map<String, Long> shed, long downgraded, long meanForwardMicros) {
        public long denied(String reason) {
            return denied.getOrDefault(reason, 0L);
        }
    }
}
