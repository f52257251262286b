package org.mcx.backend;

import java.util.concurrent.ExecutorService;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.events.EventLog;
import org.mcx.backend.store.Database;
import org.mcx.backend.transport.Timers;
import org.mcx.protocol.Codec;
import org.mcx.protocol.model.ServiceLocation;

/**
 * What every feature package is given: the database, the event and audit logs, timers, an
 * executor for CPU-heavy work (password hashing) and this system's identity and addresses.
 */
public record BackendContext(BackendConfig config, Database db, Codec codec, EventLog events, AuditLog audit,
                             Timers timers, ExecutorService cpu) {
    /** Where applications reach services: the service access server's address (10.X.1, table 10.X.1-1). */
    public ServiceLocation sasLocation(String basePath) {
        return new ServiceLocation(config.sasScheme(), config.publicHost(), config.sasPort(), basePath);
    }
}
