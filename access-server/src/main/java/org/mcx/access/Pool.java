package org.mcx.access;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.mcx.protocol.message.Csc15.ServiceEndpoint;

/**
 * The live instances of one service, taken in turn. An instance that refused a connection is
 * skipped for a few seconds, so traffic moves to the others before the registry's lease expiry
 * reaches us.
 */
final class Pool {
    static final long COOL_DOWN_NANOS = 5_000_000_000L;

    private final List<ServiceEndpoint> instances;
    private final AtomicInteger next = new AtomicInteger();
    private final ConcurrentHashMap<ServiceEndpoint, Long> downUntil = new ConcurrentHashMap<>();

    Pool(List<ServiceEndpoint> instances) {
        this.instances = List.copyOf(instances);
    }

    /** The next instance in turn that is not cooling down and is not {@code avoid}; null if none. */
    ServiceEndpoint pick(ServiceEndpoint avoid) {
        int n = instances.size();
        long now = System.nanoTime();
        int start = Math.floorMod(next.getAndIncrement(), n);
        ServiceEndpoint fallback = null;
        for (int i = 0; i < n; i++) {
            ServiceEndpoint candidate = instances.get((start + i) % n);
            if (candidate.equals(avoid)) {
                continue;
            }
            Long until = downUntil.get(candidate);
            if (until == null || until - now < 0) {
                return candidate;
            }
            fallback = fallback == null ? candidate : fallback;
        }
        // Every instance is cooling down: try one anyway rather than refuse outright.
        return fallback;
    }

    void failed(ServiceEndpoint instance) {
        downUntil.put(instance, System.nanoTime() + COOL_DOWN_NANOS);
    }

    int size() {
        return instances.size();
    }
}
