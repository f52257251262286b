package org.mcx.backend.acms;

import java.util.concurrent.CompletionStage;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.Handler;
import org.mcx.backend.transport.Principal;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Acms;

/**
 * {@code acms.serverIdentityRequest} from an authenticated partner (steps 3-5): answered
 * {@code stored} only once the request is committed. A partner speaks only for itself:
 * {@code fromSystemId} must be the system that authenticated.
 */
final class ServerIdentityRequestReceiver implements Handler<Acms.ServerIdentityRequest> {
    private final SystemContext ctx;
    private final Exchanges exchanges;
    private final ServerIdentityKind kind;

    ServerIdentityRequestReceiver(SystemContext ctx, Exchanges exchanges, ServerIdentityKind kind) {
        this.ctx = ctx;
        this.exchanges = exchanges;
        this.kind = kind;
    }

    @Override
    public CompletionStage<Acms.Stored> handle(Call<Acms.ServerIdentityRequest> call) {
        Acms.ServerIdentityRequest in = call.body();
        String from = call.principal(Principal.Partner.class).systemId();
        if (!in.fromSystemId().equals(from)) {
            throw ProtocolException.forbidden("fromSystemId " + in.fromSystemId() + " is not the authenticated partner");
        }
        return ctx.db().write(tx -> exchanges.receiveRequest(tx, kind, from, in.requestId(), in.requestedBy(),
                kind.content(in.users()), in.createdAt()));
    }
}
