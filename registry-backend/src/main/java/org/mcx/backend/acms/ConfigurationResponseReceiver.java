package org.mcx.backend.acms;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.Handler;
import org.mcx.backend.transport.Principal;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Acms;

/**
 * {@code acms.configurationResponse} from an authenticated partner (steps 13-14 for the kinds of
 * docs/acm.md). As for server identities, a partner answers only requests addressed to it
 * ({@link AnsweredRequests}); the answer must be of the request's kind and name only the users it
 * asked about.
 */
final class ConfigurationResponseReceiver implements Handler<Acms.ConfigurationResponse> {
    private final SystemContext ctx;
    private final Exchanges exchanges;

    ConfigurationResponseReceiver(SystemContext ctx, Exchanges exchanges) {
        this.ctx = ctx;
        this.exchanges = exchanges;
    }

    @Override
    public CompletionStage<Acms.Stored> handle(Call<Acms.ConfigurationResponse> call) {
        Acms.ConfigurationResponse in = call.body();
        String from = call.principal(Principal.Partner.class).systemId();
        return ctx.db().write(tx -> {
            StoredRequest r = AnsweredRequests.addressedTo(ctx, exchanges, tx, call, from, in.requestId());
            if (in.result() != null) {
                if (!in.result().kind().equals(r.kind())) {
                    throw ProtocolException.badRequest("body.result.kind", "the request was " + r.kind());
                }
                Set<String> asked = new HashSet<>(exchanges.kind(r).users(r.content()));
                List<Acm.UserOutcome> outcomes = outcomes(in.result());
                for (int i = 0; i < outcomes.size(); i++) {
                    if (!asked.contains(outcomes.get(i).mcServiceId())) {
                        throw ProtocolException.badRequest("body.result.users[" + i + "].mcServiceId",
                                "names a user the request did not name");
                    }
                }
            }
            return exchanges.receiveResponse(tx, from, in.requestId(), ctx.codec().mapper().valueToTree(in));
        });
    }

    private static List<Acm.UserOutcome> outcomes(Acm.Result result) {
        if (result instanceof Acm.MigrationOutcomes m) {
            return m.users();
        }
        if (result instanceof Acm.RemovalOutcomes m) {
            return m.users();
        }
        if (result instanceof Acm.MembershipOutcomes m) {
            return m.users();
        }
        return List.of(); // a group list names the partner's users, not ours
    }
}
