package org.mcx.backend.transport;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.mcx.protocol.wire.MessageType;

/**
 * How long each request type takes from decoding to its answer, and how it ended ({@code ok} or
 * the error code): {@code mcx_requests_seconds} in Prometheus. Timers are kept per type and
 * outcome so that the request path does no registry lookup.
 */
public final class RequestMeters {
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    public RequestMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** For tests and tools that do not expose metrics. */
    public static RequestMeters discarded() {
        return new RequestMeters(new SimpleMeterRegistry());
    }

    void record(MessageType type, String outcome, long nanos) {
        timers.computeIfAbsent(type.wireName() + ' ' + outcome, key -> Timer.builder("mcx.requests")
                .description("Requests answered, by type and outcome (ok or the error code)")
                .tag("type", type.wireName()).tag("outcome", outcome)
                .register(registry)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
