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
 * {@code serverIdentity.responses} (ADMIN): steps 17-18. Hands over the responses not yet delivered
 * and marks them {@code delivered}, in the same transaction; {@code serverIdentity.list} still
 * shows them afterwards.
 */
final class ServerIdentityResponses implements Handler<Common.Empty> {
    private final SystemContext ctx;
    private final RequestTable table;
    private final RequestViews views;
    private final String kind;

    /** @param kind the kind collected; null for every kind ({@code acm.responses}) */
    ServerIdentityResponses(SystemContext ctx, RequestTable table, RequestViews views, String kind) {
        this.ctx = ctx;
        this.table = table;
        this.views = views;
        this.kind = kind;
    }

    @Override
    public CompletionStage<Exchange.Requests> handle(Call<Common.Empty> call) {
        String admin = call.actor();
        return ctx.db().write(tx -> {
            tx.excludeOtherNodes(); // two administrators on two nodes must not both be handed one response
            List<StoredRequest> ready = table.list(tx.connection(), Direction.OUTGOING, Status.RESPONSE_STORED, kind,
                    false, ServerIdentityPending.LIMIT);
            for (StoredRequest r : ready) {
                table.step(tx.connection(), r.requestId(), 17, Status.RESPONSE_STORED, admin);
                table.setStatus(tx.connection(), r.requestId(), Status.DELIVERED, null);
                table.step(tx.connection(), r.requestId(), 18, Status.DELIVERED, admin);
            }
            List<StoredRequest> delivered = ready.stream().map(r -> new StoredRequest(r.requestId(), r.kind(),
                    r.direction(), r.partnerSystemId(), r.requestedBy(), r.content(), Status.DELIVERED, r.createdAt(),
                    r.response(), r.responseAt(), r.reason(), r.urgency())).toList();
            return views.view(tx.connection(), delivered);
        });
    }
}
