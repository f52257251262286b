package org.mcx.backend.acms;

import java.util.concurrent.CompletionStage;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.Handler;
import org.mcx.protocol.message.Exchange;

/** {@code serverIdentity.list} (VIEWER): requests both ways with their step history; reads only. */
final class ServerIdentityList implements Handler<Exchange.ListRequests> {
    private final SystemContext ctx;
    private final RequestTable table;
    private final RequestViews views;

    ServerIdentityList(SystemContext ctx, RequestTable table, RequestViews views) {
        this.ctx = ctx;
        this.table = table;
        this.views = views;
    }

    @Override
    public CompletionStage<Exchange.Requests> handle(Call<Exchange.ListRequests> call) {
        Exchange.ListRequests in = call.body();
        return ctx.db().read(c -> views.view(c, table.list(c, in.direction(), in.status(), ServerIdentityKind.NAME, false,
                ServerIdentityPending.LIMIT)));
    }

    /** {@code acm.list} (VIEWER, addition): every kind, or one; urgent first, then oldest first. */
    CompletionStage<Exchange.Requests> all(Call<Exchange.AcmList> call) {
        Exchange.AcmList in = call.body();
        return ctx.db().read(c -> views.view(c, table.list(c, in.direction(), in.status(), in.kind(), true,
                ServerIdentityPending.LIMIT)));
    }
}
