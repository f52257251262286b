package org.mcx.backend.acms;

import java.util.concurrent.CompletionStage;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Exchange;

/** {@code serverIdentities.get} (VIEWER) and {@code serverIdentities.save} (ADMIN): what partners are told. */
final class ServerIdentitiesHandlers {
    private final SystemContext ctx;
    private final ServerIdentityDirectory directory;

    ServerIdentitiesHandlers(SystemContext ctx, ServerIdentityDirectory directory) {
        this.ctx = ctx;
        this.directory = directory;
    }

    CompletionStage<Exchange.ServerIdentities> get(Call<Common.Empty> call) {
        return ctx.db().read(directory::get);
    }

    CompletionStage<Exchange.ServerIdentities> save(Call<Exchange.ServerIdentities> call) {
        Exchange.ServerIdentities in = call.body();
        Duplicates.check(in);
        return ctx.db().write(tx -> {
            // One save at a time across nodes: two nodes' delete-all-then-insert would leave the union.
            tx.excludeOtherNodes();
            directory.save(tx.connection(), in);
            ctx.audit().record(tx, call.actor(), "serverIdentities.save", null, AuditLog.ALLOWED, ctx.audit().detail()
                    .put("defaults", in.defaults().size()).put("overrides", in.overrides().size()));
            return directory.get(tx.connection());
        });
    }
}
