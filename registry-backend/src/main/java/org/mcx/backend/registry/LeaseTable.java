package org.mcx.backend.registry;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.mcx.protocol.model.ServiceCapability;
import org.mcx.protocol.model.ServiceType;

/**
 * Every live lease, indexed three ways: by lease id (heartbeats), by owner (a node re-registering a
 * service replaces its old lease) and by capability (discovery and routing).
 *
 * <p>Changes are serialised by this object's lock; in the backend they are made only by the
 * {@link LeaseFollower}, from the event log, in its order, on every node alike, before any other
 * subscriber hears of the event. Reads (heartbeats, discovery, routing) take no lock: the maps are
 * concurrent and the catalog is an immutable snapshot behind a volatile field.
 */
final class LeaseTable {
    private final Map<String, Lease> byId = new ConcurrentHashMap<>();
    private final Map<Owner, Lease> byOwner = new ConcurrentHashMap<>();
    private final Map<CapabilityKey.RouteKey, RouteGroup> routes = new ConcurrentHashMap<>();
    private final Map<CapabilityKey, CapabilityGroup> groups = new HashMap<>(); // guarded by this
    private final Map<CapabilityKey, ServiceCapability> shown = new HashMap<>(); // guarded by this
    private volatile Catalog catalog = Catalog.EMPTY;

    private record Owner(String nodeId, String serviceId) {
    }

    Lease find(String leaseId) {
        return byId.get(leaseId);
    }

    /** The lease this node holds for this service id, if any. */
    Lease findByOwner(String nodeId, String serviceId) {
        return byOwner.get(new Owner(nodeId, serviceId));
    }

    Collection<Lease> all() {
        return byId.values();
    }

    int size() {
        return byId.size();
    }

    Catalog catalog() {
        return catalog;
    }

    /** Adds a lease, ending and removing the one its node held for the same service id; returns that one. */
    synchronized Lease put(Lease lease) {
        Lease replaced = byOwner.get(new Owner(lease.nodeId(), lease.serviceId()));
        if (replaced != null) {
            removeLocked(replaced);
        }
        byId.put(lease.leaseId(), lease);
        byOwner.put(new Owner(lease.nodeId(), lease.serviceId()), lease);
        routes.computeIfAbsent(lease.key().route(), k -> new RouteGroup()).add(lease);
        CapabilityGroup group = groups.computeIfAbsent(lease.key(), CapabilityGroup::new);
        group.add(lease);
        refresh(lease.key(), group);
        return replaced;
    }

    /** Ends and removes a lease; false if it was no longer in the table (replaced or removed before). */
    synchronized boolean remove(Lease lease) {
        if (byId.get(lease.leaseId()) != lease) {
            lease.end();
            return false;
        }
        removeLocked(lease);
        return true;
    }

    /** Ends and removes the lease with this id; null if it was not in the table. */
    synchronized Lease remove(String leaseId) {
        Lease lease = byId.get(leaseId);
        if (lease != null) {
            removeLocked(lease);
        }
        return lease;
    }

    /**
     * A lease that had passed its deadline here was found renewed by another node: routing must
     * list it again, though its cached snapshot was built without it.
     */
    synchronized void revived(Lease lease) {
        RouteGroup route = routes.get(lease.key().route());
        if (route != null && byId.get(lease.leaseId()) == lease) {
            route.revived();
        }
    }

    private void removeLocked(Lease lease) {
        // Ended first, so that from here on no heartbeat renews it and no router hands it out.
        lease.end();
        byId.remove(lease.leaseId(), lease);
        byOwner.remove(new Owner(lease.nodeId(), lease.serviceId()), lease);
        RouteGroup route = routes.get(lease.key().route());
        if (route != null) {
            route.remove(lease);
            if (route.isEmpty()) {
                routes.remove(lease.key().route(), route);
            }
        }
        CapabilityGroup group = groups.get(lease.key());
        if (group != null) {
            group.remove(lease);
            if (group.isEmpty()) {
                groups.remove(lease.key());
            }
            refresh(lease.key(), group.isEmpty() ? null : group);
        }
    }

    /** Rebuilds the catalog if, and only if, what applications see of this capability changed. */
    private void refresh(CapabilityKey key, CapabilityGroup group) {
        ServiceCapability now = group == null ? null : group.capability();
        ServiceCapability before = now == null ? shown.remove(key) : shown.put(key, now);
        if (!Objects.equals(before, now)) {
            catalog = Catalog.of(shown.values());
        }
    }

    /** Live instances of a type and interface, all versions, oldest registration first. */
    List<Instance> liveInstances(ServiceType type, String serviceInterface, long nowNanos) {
        RouteGroup route = routes.get(new CapabilityKey.RouteKey(type, serviceInterface));
        return route == null ? List.of() : route.live(nowNanos);
    }
}
