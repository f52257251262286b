package org.mcx.backend.registry;

import java.time.Instant;
import java.util.Comparator;
import org.mcx.protocol.message.Registration.RegisterService;

/**
 * What a registration was granted, identical on every backend node: the lease id, the MC service
 * node holding it, the registration itself, when and in which order. A row of
 * {@code service_leases} and a {@code service.registered} event each carry one, so any node can
 * rebuild the lease from either.
 *
 * <p>{@code order} is made by the registering backend node from its clock (microseconds, never
 * repeating on that node), so "newest" means the same on every node; two nodes' grants in the
 * same microsecond are told apart by lease id.
 */
record LeaseGrant(String leaseId, String nodeId, RegisterService registration, Instant registeredAt, long order) {
    /** Oldest first. */
    static final Comparator<LeaseGrant> ORDER = Comparator.comparingLong(LeaseGrant::order)
            .thenComparing(LeaseGrant::leaseId);

    String serviceId() {
        return registration.serviceId();
    }

    int ttlSeconds() {
        return registration.ttlSeconds();
    }

    CapabilityKey key() {
        return new CapabilityKey(registration.serviceType(), registration.serviceInterface(), registration.version());
    }
}
