package org.mcx.backend.acms;

import java.sql.SQLException;
import org.mcx.backend.store.Tx;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.protocol.ProtocolException;

/**
 * What a partner's response answers: only an outgoing request addressed to that partner. Another
 * partner's request, or an unknown one, is {@code NOT_FOUND} alike (so a forged {@code requestId}
 * learns nothing and changes nothing), and the attempt is audited. For every kind's response.
 */
final class AnsweredRequests {
    private AnsweredRequests() {
    }

    static StoredRequest addressedTo(SystemContext ctx, Exchanges exchanges, Tx tx, Call<?> call, String from,
                                     String requestId) throws SQLException {
        try {
            return exchanges.outgoingTo(tx.connection(), from, requestId);
        } catch (ProtocolException unknown) {
            ctx.audit().denied(call.actor(), call.type().wireName(), requestId,
                    "response for a request not addressed to this partner, or unknown");
            throw unknown;
        }
    }
}
