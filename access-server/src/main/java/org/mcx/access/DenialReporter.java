package org.mcx.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.mcx.protocol.message.Csc15;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every refused or shed request is audited, but a flood must not become a flood of audit writes:
 * refusals are counted per kind (reason, application, user, profile) and sent to the registry at
 * most once a second, with this node's counters, as one {@code csc15.report}. The registry turns
 * each kind into one {@code access.denied} event and audit entry per report.
 */
final class DenialReporter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DenialReporter.class);
    static final int MAX_KINDS = 500;

    private record Kind(String reason, String applicationId, String mcServiceId, String applicationProfileId) {
    }

    private static final class Tally {
        final AtomicLong count = new AtomicLong();
        final Instant firstAt = Instant.now();
        volatile Instant lastAt = firstAt;
    }

    private final Map<Kind, Tally> pending = new ConcurrentHashMap<>();
    private final AccessCounters counters;
    /** Where reports go: the CSC-15 link, or nowhere for the warm-up's own gateway. */
    private final Function<Csc15.Report, ? extends CompletionStage<?>> sink;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mcx-sas-report");
        t.setDaemon(true);
        return t;
    });
    private volatile AccessCounters.Snapshot lastSent;

    DenialReporter(AccessCounters counters, Function<Csc15.Report, ? extends CompletionStage<?>> sink) {
        this.counters = counters;
        this.sink = sink;
        timer.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
    }

    void denied(String reason, String applicationId, String mcServiceId, String applicationProfileId) {
        Kind kind = pending.size() < MAX_KINDS
                ? new Kind(reason, applicationId, mcServiceId, applicationProfileId)
                : new Kind(reason, null, null, null); // past the bound, keep only the reason: still counted
        Tally t = pending.computeIfAbsent(kind, k -> new Tally());
        t.count.incrementAndGet();
        t.lastAt = Instant.now();
    }

    private void flush() {
        try {
            List<Csc15.Denial> denials = new ArrayList<>();
            for (Kind k : List.copyOf(pending.keySet())) {
                Tally t = pending.remove(k);
                if (t != null) {
                    denials.add(new Csc15.Denial(k.reason(), k.applicationId(), k.mcServiceId(),
                            k.applicationProfileId(), t.count.get(), t.firstAt, t.lastAt));
                }
            }
            AccessCounters.Snapshot now = counters.snapshot();
            if (denials.isEmpty() && now.equals(lastSent)) {
                return;
            }
            Csc15.AccessStats stats = new Csc15.AccessStats(now.received(), now.forwarded(), now.retried(), now.denied(),
                    now.shed(), now.downgraded(), now.meanForwardMicros());
            sink.apply(new Csc15.Report(denials, stats)).whenComplete((ok, e) -> {
                if (e != null) {
                    log.warn("could not report {} kinds of refusal to the registry: {}", denials.size(), e.toString());
                } else {
                    lastSent = now;
                }
            });
        } catch (RuntimeException e) {
            log.error("refusal report failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
