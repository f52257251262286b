package org.mcx.backend.system;

import java.util.concurrent.ExecutorService;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.events.EventLog;
import org.mcx.backend.store.Database;
import org.mcx.backend.transport.Timers;
import org.mcx.protocol.wire.Codec;

/**
 * What every feature package is given: this system's id, the database, the event and audit logs,
 * timers and an executor for CPU-heavy work (password hashing). A feature's own settings come to it
 * as its own config, not through here, so that no feature depends on the whole backend's.
 *
 * <p>{@code instanceId} names this backend process among the nodes that serve the system from one
 * database (new at every start, so a restarted node never mistakes an old claim for its own).
 */
public record SystemContext(String systemId, String instanceId, Database db, Codec codec, EventLog events, AuditLog audit,
                            Timers timers, ExecutorService cpu) {
}
