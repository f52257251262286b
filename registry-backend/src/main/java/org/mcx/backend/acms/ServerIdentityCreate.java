package org.mcx.backend.acms;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.Handler;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Exchange;

/**
 * {@code serverIdentity.create} (ADMIN; the router has checked the role): steps 1-3. A user that
 * may not migrate refuses the whole request with {@code FORBIDDEN}, which the router audits; then
 * nothing is stored and nothing forwarded (note 1).
 */
final class ServerIdentityCreate implements Handler<Exchange.CreateRequest> {
    private final SystemContext ctx;
    private final Exchanges exchanges;
    private final ServerIdentityKind kind;

    ServerIdentityCreate(SystemContext ctx, Exchanges exchanges, ServerIdentityKind kind) {
        this.ctx = ctx;
        this.exchanges = exchanges;
        this.kind = kind;
    }

    @Override
    public CompletionStage<Exchange.Created> handle(Call<Exchange.CreateRequest> call) {
        Exchange.CreateRequest in = call.body();
        String admin = call.actor();
        return ctx.db().write(tx -> {
            if (PartnerPolicy.load(tx.connection(), in.partnerSystemId()).isEmpty()) {
                throw ProtocolException.notFound("partner " + in.partnerSystemId());
            }
            List<String> refused = MigratingUsers.refused(tx.connection(), in.users());
            if (!refused.isEmpty()) {
                throw ProtocolException.forbidden("not authorized to migrate: " + String.join(", ", refused));
            }
            StoredRequest r = exchanges.createOutgoing(tx, kind, in.partnerSystemId(), admin, kind.content(in.users()));
            ctx.audit().record(tx, admin, "serverIdentity.create", r.requestId(), AuditLog.ALLOWED, ctx.audit().detail()
                    .put("partnerSystemId", in.partnerSystemId()).put("users", in.users().size()));
            return new Exchange.Created(r.requestId(), r.status());
        });
    }
}
