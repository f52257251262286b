package org.mcx.backend.acms;

import java.util.concurrent.CompletionStage;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.Handler;
import org.mcx.protocol.message.Acms;
import org.mcx.protocol.message.Exchange;

/** {@code serverIdentity.decide} (APPROVER): steps 11-12; the response leaves through the outbox (13). */
final class ServerIdentityDecide implements Handler<Exchange.Decide> {
    private final SystemContext ctx;
    private final Exchanges exchanges;

    ServerIdentityDecide(SystemContext ctx, Exchanges exchanges) {
        this.ctx = ctx;
        this.exchanges = exchanges;
    }

    @Override
    public CompletionStage<Exchange.StatusResult> handle(Call<Exchange.Decide> call) {
        Exchange.Decide in = call.body();
        Acms.Decision decision = in.decision() == Exchange.ApproverDecision.APPROVE
                ? Acms.Decision.APPROVED : Acms.Decision.REJECTED;
        String approver = call.actor();
        return ctx.db().write(tx -> {
            Exchange.Status status = exchanges.decide(tx, in.requestId(), decision, approver, in.comment());
            ctx.audit().record(tx, approver, call.type().wireName(), in.requestId(), AuditLog.ALLOWED,
                    ctx.audit().detail().put("decision", decision.name().toLowerCase(java.util.Locale.ROOT)));
            return new Exchange.StatusResult(status);
        });
    }
}
