package org.mcx.backend.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The instances of one type and interface, as the service access server asks for them on every
 * forwarded request. The answer is a cached immutable list, rebuilt only after a change or once the
 * earliest deadline in it has passed.
 *
 * <p>Why that is enough: deadlines only move forward (renewal is now + a fixed TTL), so the
 * earliest deadline seen when the list was built is a lower bound for every deadline in it. Until
 * the clock passes that bound every listed instance is certainly live and the call is O(1); after
 * it, one O(n) rebuild drops the expired ones and finds the next bound, which with heartbeats every
 * third of a TTL lies about two thirds of a TTL ahead.
 */
final class RouteGroup {
    private final Set<Lease> leases = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Snapshot> cache = new AtomicReference<>(Snapshot.invalid());

    /** Called under the table's lock. */
    void add(Lease lease) {
        leases.add(lease);
        cache.set(Snapshot.invalid());
    }

    /** Called under the table's lock; the lease has been ended first. */
    void remove(Lease lease) {
        leases.remove(lease);
        cache.set(Snapshot.invalid());
    }

    /** Called under the table's lock when a lease that had looked expired here turned out renewed elsewhere. */
    void revived() {
        cache.set(Snapshot.invalid());
    }

    boolean isEmpty() {
        return leases.isEmpty();
    }

    List<Instance> live(long nowNanos) {
        Snapshot seen = cache.get();
        if (seen.valid && nowNanos - seen.earliestDeadline <= 0) {
            return seen.instances;
        }
        Snapshot fresh = build(nowNanos);
        // Every invalidation installs a new object, so this fails if the group changed while we built.
        cache.compareAndSet(seen, fresh);
        return fresh.instances;
    }

    private Snapshot build(long nowNanos) {
        List<Lease> live = new ArrayList<>();
        for (Lease lease : leases) {
            if (lease.isLive(nowNanos)) {
                live.add(lease);
            }
        }
        live.sort(java.util.Comparator.comparing(Lease::grant, LeaseGrant.ORDER));
        List<Instance> instances = new ArrayList<>(live.size());
        long earliest = nowNanos + Long.MAX_VALUE / 2; // "far ahead" when empty; rebuilt on the next add anyway
        for (Lease lease : live) {
            instances.add(lease.instance());
            if (lease.deadline() - earliest < 0) {
                earliest = lease.deadline();
            }
        }
        return new Snapshot(true, List.copyOf(instances), earliest);
    }

    private record Snapshot(boolean valid, List<Instance> instances, long earliestDeadline) {
        static Snapshot invalid() {
            return new Snapshot(false, List.of(), 0);
        }
    }
}
