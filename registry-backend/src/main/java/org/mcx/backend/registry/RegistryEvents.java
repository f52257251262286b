package org.mcx.backend.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.store.Tx;
import org.mcx.backend.system.SystemContext;

/**
 * Writes what happened to a lease into the event log (for consoles) and the audit log, in the
 * caller's transaction. Event data names the lease by its ids and says where it ran: consoles are
 * internal and already see hosts in services.list. Neither log ever carries node secrets; metadata
 * is left out because services may put anything there.
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

    void registered(Tx tx, Lease lease, Lease replaced) throws SQLException {
        ObjectNode data = data(lease);
        if (replaced != null) {
            data.put("replacedLeaseId", replaced.leaseId());
        }
        ctx.events().append(tx, REGISTERED, data);
        ObjectNode detail = detail(lease);
        if (replaced != null) {
            detail.put("replacedLeaseId", replaced.leaseId());
        }
        ctx.audit().record(tx, actor(lease), "service.register", lease.serviceId(), AuditLog.ALLOWED, detail);
    }

    void deregistered(Tx tx, Lease lease, Reason reason) throws SQLException {
        ctx.events().append(tx, DEREGISTERED, data(lease).put("reason", reason.name().toLowerCase(java.util.Locale.ROOT)));
        if (reason == Reason.DEREGISTERED) {
            // A replacement is audited once, as part of the registration that caused it.
            ctx.audit().record(tx, actor(lease), "service.deregister", lease.serviceId(), AuditLog.ALLOWED,
                    detail(lease));
        }
    }

    void expired(Tx tx, Lease lease) throws SQLException {
        ctx.events().append(tx, EXPIRED, data(lease).put("ttlSeconds", lease.ttlSeconds()));
        ctx.audit().record(tx, "system", "service.expire", lease.serviceId(), AuditLog.ALLOWED, detail(lease));
    }

    private ObjectNode data(Lease lease) {
        Instance where = lease.instance();
        return ctx.events().data()
                .put("serviceId", lease.serviceId())
                .put("leaseId", lease.leaseId())
                .put("serviceType", lease.serviceType().name())
                .put("interface", lease.serviceInterface())
                .put("version", lease.key().version())
                .put("nodeId", lease.nodeId())
                .put("host", where.host())
                .put("port", where.port());
    }

    private ObjectNode detail(Lease lease) {
        return ctx.audit().detail()
                .put("leaseId", lease.leaseId())
                .put("serviceType", lease.serviceType().name())
                .put("interface", lease.serviceInterface())
                .put("nodeId", lease.nodeId());
    }

    private static String actor(Lease lease) {
        return "node:" + lease.nodeId();
    }
}
