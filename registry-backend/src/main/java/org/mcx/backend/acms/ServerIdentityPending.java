package org.mcx.backend.acms;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.Handler;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Exchange.Direction;
import org.mcx.protocol.message.Exchange.Status;
import org.mcx.protocol.message.Exchange;

/**
 * {@code serverIdentity.pending} and {@code acm.pending} (APPROVER): steps 9-10, the incoming
 * requests awaiting a decision with their full content — of one kind, or (acm) of every kind, urgent
 * first. The first approver to see a request is recorded in its history.
 */
final class ServerIdentityPending implements Handler<Common.Empty> {
    static final int LIMIT = 10_000;

    private final SystemContext ctx;
    private final RequestTable table;
    private final RequestViews views;
    private final String kind;

    /** @param kind the kind listed; null for every kind */
    ServerIdentityPending(SystemContext ctx, RequestTable table, RequestViews views, String kind) {
        this.ctx = ctx;
        this.table = table;
        this.views = views;
        this.kind = kind;
    }

    @Override
    public CompletionStage<Exchange.Requests> handle(Call<Common.Empty> call) {
        String approver = call.actor();
        return ctx.db().write(tx -> {
            List<StoredRequest> pending = table.list(tx.connection(), Direction.INCOMING, Status.PENDING_APPROVAL, kind,
                    kind == null, LIMIT);
            for (StoredRequest r : pending) {
                table.step(tx.connection(), r.requestId(), 9, Status.PENDING_APPROVAL, approver);
                table.step(tx.connection(), r.requestId(), 10, Status.PENDING_APPROVAL, approver);
            }
            return views.view(tx.connection(), pending);
        });
    }
}
