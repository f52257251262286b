package org.mcx.backend.acms;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.Handler;
import org.mcx.backend.transport.Principal;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Acms;

/**
 * {@code acms.serverIdentityResponse} from an authenticated partner (steps 13-14). A partner answers
 * only requests addressed to it: another's request, or an unknown one, is {@code NOT_FOUND} alike
 * (so a forged {@code requestId} learns nothing and changes nothing) and the attempt is audited.
 */
final class ServerIdentityResponseReceiver implements Handler<Acms.ServerIdentityResponse> {
    private final SystemContext ctx;
    private final Exchanges exchanges;
    private final ServerIdentityKind kind;

    ServerIdentityResponseReceiver(SystemContext ctx, Exchanges exchanges, ServerIdentityKind kind) {
        this.ctx = ctx;
        this.exchanges = exchanges;
        this.kind = kind;
    }

    @Override
    public CompletionStage<Acms.Stored> handle(Call<Acms.ServerIdentityResponse> call) {
        Acms.ServerIdentityResponse in = call.body();
        String from = call.principal(Principal.Partner.class).systemId();
        return ctx.db().write(tx -> {
            StoredRequest r = AnsweredRequests.addressedTo(ctx, exchanges, tx, call, from, in.requestId());
            Set<String> asked = new HashSet<>(kind.users(r.content()));
            for (int i = 0; i < in.serverIdentities().size(); i++) {
                if (!asked.contains(in.serverIdentities().get(i).mcServiceId())) {
                    throw new ProtocolException(ErrorCode.BAD_REQUEST, "names a user the request did not ask for",
                            "body.serverIdentities[" + i + "].mcServiceId");
                }
            }
            return exchanges.receiveResponse(tx, from, in.requestId(), ctx.codec().mapper().valueToTree(in));
        });
    }
}
