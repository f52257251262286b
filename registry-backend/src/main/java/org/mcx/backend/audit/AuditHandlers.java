package org.mcx.backend.audit;

import java.util.concurrent.CompletableFuture;
import org.mcx.backend.store.Database;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.DenialListener;
import org.mcx.backend.transport.Handlers;
import org.mcx.backend.transport.PeerSession;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/** {@code audit.list}, and the transport's refusals turned into audit entries. */
public final class AuditHandlers implements DenialListener {
    private final Database db;
    private final AuditLog audit;

    public AuditHandlers(Database db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    public void register(Handlers handlers) {
        handlers.on(MessageType.AUDIT_LIST, Console.ListAudit.class, this::list);
    }

    private CompletableFuture<Console.AuditEntries> list(Call<Console.ListAudit> call) {
        return db.read(c -> new Console.AuditEntries(audit.list(c, call.body().sinceSeq(), call.body().limit())));
    }

    @Override
    public void denied(PeerSession session, String type, ErrorCode code, String reason) {
        String actor = session.principal() == null
                ? "anonymous@" + session.remoteAddress() : session.principal().name();
        audit.denied(actor, type, session.endpoint().path(), code + ": " + reason);
    }
}
