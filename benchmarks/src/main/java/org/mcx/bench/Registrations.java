package org.mcx.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Registration;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/**
 * Fills the registry: instances spread over {@link #CAPABILITIES} capabilities (5 service type and
 * interface pairs x 4 versions), all on loopback addresses, registered over one /registration
 * connection with a bounded window of requests in flight (below the server's cap of 256 per peer).
 */
final class Registrations {
    private record Pair(ServiceType type, String serviceInterface, List<String> protocols) {
    }

    private static final List<Pair> PAIRS = List.of(
            new Pair(ServiceType.MCPTT, "MCPTT-1", List.of("HTTP", "SIP")),
            new Pair(ServiceType.MCVIDEO, "MCVideo-1", List.of("HTTP", "SIP", "RTP")),
            new Pair(ServiceType.MCDATA, "MCData-cap-1", List.of("HTTP")),
            new Pair(ServiceType.GM, "CSC-2", List.of("HTTP")),
            new Pair(ServiceType.CM, "CSC-4", List.of("HTTP")));
    private static final List<String> VERSIONS = List.of("1.0", "1.1", "2.0", "2.1");
    static final int CAPABILITIES = PAIRS.size() * VERSIONS.size();
    /** The longest lease the protocol allows; a benchmark run must finish well within it. */
    static final int TTL_SECONDS = 300;
    private static final int WINDOW = 200;

    private Registrations() {
    }

    /** Registers {@code count} instances; fails on the first refusal or when {@code maxTime} passes. */
    static void register(ProtocolClient node, int count, Duration maxTime) throws Exception {
        Semaphore window = new Semaphore(WINDOW);
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + maxTime.toNanos();
        for (int i = 0; i < count && failure.get() == null; i++) {
            if (!window.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("registering took longer than " + maxTime + " (" + done + " done)");
            }
            node.request(MessageType.REGISTER_SERVICE, instance(i), Registration.Lease.class)
                    .whenComplete((lease, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        } else {
                            done.incrementAndGet();
                        }
                        window.release();
                    });
        }
        if (!window.tryAcquire(WINDOW, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("registering took longer than " + maxTime + " (" + done + " done)");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a registration was refused", failure.get());
        }
    }

    static Registration.RegisterService instance(int i) {
        Pair pair = PAIRS.get(i % PAIRS.size());
        String version = VERSIONS.get((i / PAIRS.size()) % VERSIONS.size());
        return new Registration.RegisterService("svc-" + i, pair.type(), pair.serviceInterface(), pair.protocols(),
                version, "http", "127.0.0.1", 20_000 + (i % 40_000), "/api", TTL_SECONDS,
                Map.of("description", pair.type() + " over " + pair.serviceInterface() + ", release " + version,
                        "capabilities", "private-call,group-call,emergency-call,location"));
    }

    /** How many capabilities {@code count} instances make. */
    static int capabilities(int count) {
        return Math.min(count, CAPABILITIES);
    }
}
