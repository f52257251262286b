package org.mcx.backend.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Registration.RegisterService;
import org.mcx.protocol.model.ServiceType;

/**
 * One registered instance of a service and its lease. Its deadline is in {@link System#nanoTime}
 * units (compare by subtraction, never by sign), so a wall-clock jump neither expires nor revives
 * anyone. The deadline only ever moves forward: renewal sets it to now + TTL and TTL is fixed, which
 * is what lets {@link RouteGroup} skip per-call liveness checks.
 *
 * <p>A lease ends exactly once: by expiry, deregistration or replacement. Renewal and ending are
 * serialised on the lease itself, so a heartbeat can never revive a lease the sweeper has just
 * expired (it gets NOT_FOUND and the service registers again). Readers check liveness lock-free.
 */
final class Lease {
    private final String leaseId;
    private final String nodeId;
    private final RegisterService registration;
    private final CapabilityKey key;
    private final Instant registeredAt;
    private final long ttlNanos;
    private final long order;
    private final Instance instance;
    private final String searchText;
    private volatile long deadline;
    private volatile boolean ended;
    private volatile long lastHeartbeatMillis;

    Lease(String leaseId, String nodeId, RegisterService registration, long order, long nowNanos, Instant now) {
        this.leaseId = leaseId;
        this.nodeId = nodeId;
        this.registration = registration;
        this.key = new CapabilityKey(registration.serviceType(), registration.serviceInterface(), registration.version());
        // Millisecond precision, as lastHeartbeat: the console compares the two.
        this.registeredAt = now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        this.ttlNanos = registration.ttlSeconds() * 1_000_000_000L;
        this.order = order;
        this.instance = new Instance(registration.serviceId(), registration.scheme(), registration.host(),
                registration.port(), registration.basePath());
        this.searchText = ServiceFilter.searchText(registration.metadata().get(CapabilityGroup.DESCRIPTION),
                CapabilityGroup.splitList(registration.metadata().get(CapabilityGroup.CAPABILITIES)),
                registration.serviceInterface());
        this.deadline = nowNanos + ttlNanos;
        this.lastHeartbeatMillis = now.toEpochMilli();
    }

    String leaseId() {
        return leaseId;
    }

    String nodeId() {
        return nodeId;
    }

    String serviceId() {
        return registration.serviceId();
    }

    ServiceType serviceType() {
        return registration.serviceType();
    }

    String serviceInterface() {
        return registration.serviceInterface();
    }

    List<String> protocols() {
        return registration.protocols();
    }

    Map<String, String> metadata() {
        return registration.metadata();
    }

    int ttlSeconds() {
        return registration.ttlSeconds();
    }

    CapabilityKey key() {
        return key;
    }

    /** Registration order within this process; the newest registration describes its capability. */
    long order() {
        return order;
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

    /** Whether the sweeper should look at it: past its deadline and not ended by anyone yet. */
    boolean isDue(long nowNanos) {
        return !ended && nowNanos - deadline > 0;
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

    /** Ends the lease if its deadline has passed and nobody renewed or ended it meanwhile. */
    synchronized boolean expireIfDue(long nowNanos) {
        if (!isDue(nowNanos)) {
            return false;
        }
        ended = true;
        return true;
    }

    /** Undoes {@link #expireIfDue} when the expiry could not be recorded, so the next sweep retries. */
    synchronized void reviveForRetry() {
        ended = false;
    }

    /** Ends the lease (deregistered or replaced); false if it had already ended. */
    synchronized boolean end() {
        boolean wasLive = !ended;
        ended = true;
        return wasLive;
    }

    /** The console's view: everything, hosts and lease ids included. */
    Console.ServiceInstance view() {
        RegisterService r = registration;
        return new Console.ServiceInstance(r.serviceId(), leaseId, r.serviceType(), r.serviceInterface(), r.protocols(),
                r.version(), r.scheme(), r.host(), r.port(), r.basePath(), Console.InstanceStatus.UP, registeredAt,
                Instant.ofEpochMilli(lastHeartbeatMillis), r.ttlSeconds(), nodeId, r.metadata());
    }

    @Override
    public String toString() {
        return "Lease[" + leaseId + " " + registration.serviceId() + " " + key + " node " + nodeId + "]";
    }
}
