package org.mcx.backend.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Registration.RegisterService;
import org.mcx.protocol.model.ServiceType;

/**
 * One registered instance of a service and its lease, as this backend node knows it. Its deadline
 * is in {@link System#nanoTime} units (compare by subtraction, never by sign), so a wall-clock jump
 * neither expires nor revives anyone. The deadline only ever moves forward: a heartbeat received
 * here sets it to now + TTL, and a later deadline another node wrote to the table is adopted
 * ({@link #adopt}), which is what lets {@link RouteGroup} skip per-call liveness checks.
 *
 * <p>A lease ends exactly once, when this node applies the event that ends it (expiry,
 * deregistration or replacement). Renewal and ending are serialised on the lease itself, so a
 * heartbeat can never revive a lease that has ended. Readers check liveness lock-free.
 */
final class Lease {
    private final LeaseGrant grant;
    private final CapabilityKey key;
    private final long ttlNanos;
    private final Instance instance;
    private final String searchText;
    private volatile long deadline;
    private volatile boolean ended;
    private volatile long lastHeartbeatMillis;
    /** Renewed here since the deadline was last written to the table. */
    private final AtomicBoolean unwritten = new AtomicBoolean();

    /** The lease of {@code grant}, live until {@code deadlineNanos}, last renewed at {@code lastHeartbeatMillis}. */
    Lease(LeaseGrant grant, long deadlineNanos, long lastHeartbeatMillis) {
        RegisterService registration = grant.registration();
        this.grant = grant;
        this.key = grant.key();
        this.ttlNanos = registration.ttlSeconds() * 1_000_000_000L;
        this.instance = new Instance(registration.serviceId(), registration.scheme(), registration.host(),
                registration.port(), registration.basePath());
        this.searchText = ServiceFilter.searchText(registration.metadata().get(CapabilityGroup.DESCRIPTION),
                CapabilityGroup.splitList(registration.metadata().get(CapabilityGroup.CAPABILITIES)),
                registration.serviceInterface());
        this.deadline = deadlineNanos;
        this.lastHeartbeatMillis = lastHeartbeatMillis;
    }

    /** A lease granted now: live for one TTL from {@code nowNanos}, registered and last renewed at {@code now}. */
    Lease(String leaseId, String nodeId, RegisterService registration, long order, long nowNanos, Instant now) {
        // Millisecond precision, as lastHeartbeat: the console compares the two.
        this(new LeaseGrant(leaseId, nodeId, registration, now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), order),
                nowNanos + registration.ttlSeconds() * 1_000_000_000L, now.toEpochMilli());
    }

    LeaseGrant grant() {
        return grant;
    }

    String leaseId() {
        return grant.leaseId();
    }

    String nodeId() {
        return grant.nodeId();
    }

    String serviceId() {
        return grant.serviceId();
    }

    ServiceType serviceType() {
        return grant.registration().serviceType();
    }

    String serviceInterface() {
        return grant.registration().serviceInterface();
    }

    List<String> protocols() {
        return grant.registration().protocols();
    }

    Map<String, String> metadata() {
        return grant.registration().metadata();
    }

    int ttlSeconds() {
        return grant.ttlSeconds();
    }

    CapabilityKey key() {
        return key;
    }

    Instance instance() {
        return instance;
    }

    /** What the console's {@code text} criterion searches, as for capabilities. */
    String searchText() {
        return searchText;
    }

    long deadline() {
        return deadline;
    }

    boolean isLive(long nowNanos) {
        return !ended && nowNanos - deadline <= 0;
    }

    /** Past its deadline and not ended: one a sweep may expire, unless another node renewed it. */
    boolean isDue(long nowNanos) {
        return !ended && nowNanos - deadline > 0;
    }

    boolean isEnded() {
        return ended;
    }

    /** Extends the lease by its TTL; false if it has ended or its deadline has already passed. */
    synchronized boolean renew(long nowNanos, long wallMillis) {
        if (!isLive(nowNanos)) {
            return false;
        }
        deadline = nowNanos + ttlNanos;
        lastHeartbeatMillis = wallMillis;
        return true;
    }

    /**
     * Takes a deadline another node wrote to the table, if it is later than this node's and the
     * lease has not ended; never beyond one TTL from now (a node whose clock runs ahead must not
     * make a lease outlive its services here). True if the deadline moved.
     */
    synchronized boolean adopt(long deadlineNanos, long nowNanos, long renewedAtMillis) {
        long bounded = deadlineNanos - (nowNanos + ttlNanos) > 0 ? nowNanos + ttlNanos : deadlineNanos;
        if (ended || bounded - deadline <= 0) {
            return false;
        }
        deadline = bounded;
        lastHeartbeatMillis = Math.max(lastHeartbeatMillis, renewedAtMillis);
        return true;
    }

    /** Marks it renewed since the last write; true if it was not marked yet (so it is queued once). */
    boolean markUnwritten() {
        return unwritten.compareAndSet(false, true);
    }

    /** Clears the mark as its deadline is about to be written. */
    void markWritten() {
        unwritten.set(false);
    }

    /** Ends the lease (its end was applied from the event log); false if it had already ended. */
    synchronized boolean end() {
        boolean wasLive = !ended;
        ended = true;
        return wasLive;
    }

    /** The console's view: everything, hosts and lease ids included. */
    Console.ServiceInstance view() {
        RegisterService r = grant.registration();
        return new Console.ServiceInstance(r.serviceId(), grant.leaseId(), r.serviceType(), r.serviceInterface(),
                r.protocols(), r.version(), r.scheme(), r.host(), r.port(), r.basePath(), Console.InstanceStatus.UP,
                grant.registeredAt(), Instant.ofEpochMilli(lastHeartbeatMillis), r.ttlSeconds(), grant.nodeId(),
                r.metadata());
    }

    @Override
    public String toString() {
        return "Lease[" + grant.leaseId() + " " + grant.serviceId() + " " + key + " node " + grant.nodeId() + "]";
    }
}
