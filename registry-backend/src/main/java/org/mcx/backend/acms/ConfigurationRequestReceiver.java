package org.mcx.backend.acms;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.Handler;
import org.mcx.backend.transport.Principal;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Acms;

/**
 * {@code acms.configurationRequest} from an authenticated partner (steps 3-5 for the kinds of
 * docs/acm.md): answered {@code stored} — the processing indication — only once the request is
 * committed. A partner speaks only for itself, and a kind this system does not handle is refused
 * naming {@code body.content.kind} (the sender's request then fails with that reason).
 */
final class ConfigurationRequestReceiver implements Handler<Acms.ConfigurationRequest> {
    private final SystemContext ctx;
    private final Exchanges exchanges;
    private final Map<String, AcmKind> kinds;

    ConfigurationRequestReceiver(SystemContext ctx, Exchanges exchanges, Map<String, AcmKind> kinds) {
        this.ctx = ctx;
        this.exchanges = exchanges;
        this.kinds = kinds;
    }

    @Override
    public CompletionStage<Acms.Stored> handle(Call<Acms.ConfigurationRequest> call) {
        Acms.ConfigurationRequest in = call.body();
        String from = call.principal(Principal.Partner.class).systemId();
        if (!in.fromSystemId().equals(from)) {
            throw ProtocolException.forbidden("fromSystemId " + in.fromSystemId() + " is not the authenticated partner");
        }
        AcmKind kind = kinds.get(in.content().kind());
        if (kind == null) {
            throw ProtocolException.badRequest("body.content.kind", in.content().kind() + " is not handled by this system");
        }
        return ctx.db().write(tx -> exchanges.receiveRequest(tx, kind, from, in.requestId(), in.requestedBy(),
                kind.store(in.content()), in.createdAt(), in.urgency()));
    }
}
