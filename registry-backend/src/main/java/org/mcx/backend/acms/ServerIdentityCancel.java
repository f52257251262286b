package org.mcx.backend.acms;

import java.util.concurrent.CompletionStage;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.Handler;
import org.mcx.protocol.message.Exchange;

/**
 * {@code serverIdentity.cancel} (ADMIN, addition): stops a request or response still waiting in
 * the outbox, which would otherwise be retried for as long as the partner stays unreachable.
 */
final class ServerIdentityCancel implements Handler<Exchange.Cancel> {
    private final SystemContext ctx;
    private final Exchanges exchanges;

    ServerIdentityCancel(SystemContext ctx, Exchanges exchanges) {
        this.ctx = ctx;
        this.exchanges = exchanges;
    }

    @Override
    public CompletionStage<Exchange.StatusResult> handle(Call<Exchange.Cancel> call) {
        String admin = call.actor();
        String requestId = call.body().requestId();
        return ctx.db().write(tx -> {
            Exchange.Status status = exchanges.cancel(tx, requestId, admin);
            ctx.audit().record(tx, admin, call.type().wireName(), requestId, AuditLog.ALLOWED, null);
            return new Exchange.StatusResult(status);
        });
    }
}
