package org.mcx.backend.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Instant;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.store.Tx;
import org.mcx.backend.system.SystemContext;
import org.mcx.protocol.message.Registration.RegisterService;

/**
 * Writes what happened to a lease into the event log (for consoles, and for every backend node's
 * {@link LeaseTable}) and the audit log, in the caller's transaction. Event data names the lease by
 * its ids and says where it ran: consoles are internal and already see hosts in services.list.
 *
 * <p>{@code service.registered} carries the whole grant (registration, metadata included, time
 * and order), because every node rebuilds the lease from it ({@link #grant}); consoles see the same
 * in services.list, and RegisterService bounds its size (32 metadata entries of 500 characters).
 * The other two carry what they always did: a node removes the lease by its id. The audit log
 * keeps ids only. Neither log ever carries node secrets.
 */
final class RegistryEvents {
    static final String REGISTERED = "service.registered";
    static final String DEREGISTERED = "service.deregistered";
    static final String EXPIRED = "service.expired";

    /** Why a lease left, in {@code service.deregistered} events. */
    enum Reason { DEREGISTERED, REPLACED }

    private final SystemContext ctx;

    RegistryEvents(SystemContext ctx) {
        this.ctx = ctx;
    }

    void registered(Tx tx, LeaseGrant lease, LeaseGrant replaced) throws SQLException {
        RegisterService r = lease.registration();
        ObjectNode data = data(lease);
        if (replaced != null) {
            data.put("replacedLeaseId", replaced.leaseId());
        }
        data.set("protocols", ctx.codec().mapper().valueToTree(r.protocols()));
        data.put("scheme", r.scheme())
                .put("basePath", r.basePath())
                .put("ttlSeconds", r.ttlSeconds())
                .put("registeredAt", lease.registeredAt().toString())
                .put("order", lease.order());
        data.set("metadata", ctx.codec().mapper().valueToTree(r.metadata()));
        ctx.events().append(tx, REGISTERED, data);
        ObjectNode detail = detail(lease);
        if (replaced != null) {
            detail.put("replacedLeaseId", replaced.leaseId());
        }
        ctx.audit().record(tx, actor(lease), "service.register", lease.serviceId(), AuditLog.ALLOWED, detail);
    }

    void deregistered(Tx tx, LeaseGrant lease, Reason reason) throws SQLException {
        ctx.events().append(tx, DEREGISTERED, data(lease).put("reason", reason.name().toLowerCase(java.util.Locale.ROOT)));
        if (reason == Reason.DEREGISTERED) {
            // A replacement is audited once, as part of the registration that caused it.
            ctx.audit().record(tx, actor(lease), "service.deregister", lease.serviceId(), AuditLog.ALLOWED,
                    detail(lease));
        }
    }

    void expired(Tx tx, LeaseGrant lease) throws SQLException {
        ctx.events().append(tx, EXPIRED, data(lease).put("ttlSeconds", lease.ttlSeconds()));
        ctx.audit().record(tx, "system", "service.expire", lease.serviceId(), AuditLog.ALLOWED, detail(lease));
    }

    /**
     * The grant a {@code service.registered} event carries. The registration is read with the
     * protocol's own mapper (its field names are the event's; the lease's own fields are ignored
     * by it), so it is checked exactly as a registerService message is.
     */
    LeaseGrant grant(JsonNode data) {
        try {
            RegisterService registration = ctx.codec().mapper().treeToValue(data, RegisterService.class);
            return new LeaseGrant(data.path("leaseId").asText(), data.path("nodeId").asText(), registration,
                    Instant.parse(data.path("registeredAt").asText()), data.path("order").asLong());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("a service.registered event without a whole registration", e);
        }
    }

    private ObjectNode data(LeaseGrant lease) {
        RegisterService r = lease.registration();
        return ctx.events().data()
                .put("serviceId", r.serviceId())
                .put("leaseId", lease.leaseId())
                .put("serviceType", r.serviceType().name())
                .put("interface", r.serviceInterface())
                .put("version", r.version())
                .put("nodeId", lease.nodeId())
                .put("host", r.host())
                .put("port", r.port());
    }

    private ObjectNode detail(LeaseGrant lease) {
        return ctx.audit().detail()
                .put("leaseId", lease.leaseId())
                .put("serviceType", lease.registration().serviceType().name())
                .put("interface", lease.registration().serviceInterface())
                .put("nodeId", lease.nodeId());
    }

    private static String actor(LeaseGrant lease) {
        return "node:" + lease.nodeId();
    }
}
