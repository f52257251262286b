package org.mcx.backend.acms;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mcx.backend.acms.outbox.Outbox;
import org.mcx.protocol.message.Exchange;

/** Stored exchanges as the console sees them: content, status, step history, response and delivery. */
final class RequestViews {
    private final RequestTable table;
    private final Map<String, ExchangeKind> kinds;
    private final Outbox outbox;

    RequestViews(RequestTable table, Map<String, ExchangeKind> kinds, Outbox outbox) {
        this.table = table;
        this.kinds = kinds;
        this.outbox = outbox;
    }

    Exchange.Requests view(Connection c, List<StoredRequest> requests) throws SQLException {
        Map<String, List<Exchange.Step>> steps = table.steps(c, requests.stream().map(StoredRequest::requestId).toList());
        List<Exchange.Request> out = new ArrayList<>(requests.size());
        for (StoredRequest r : requests) {
            ExchangeKind kind = kinds.get(r.kind());
            Exchange.Response response = r.response() == null ? null : kind.view(r.response(), r.responseAt());
            out.add(new Exchange.Request(r.requestId(), r.direction(), r.partnerSystemId(), r.requestedBy(),
                    kind.users(r.content()), r.status(), r.createdAt(), steps.get(r.requestId()), response, r.reason(),
                    outbox.delivery(c, r.requestId()).orElse(null), r.kind(), r.urgency(), kind.describe(r.content())));
        }
        return new Exchange.Requests(out);
    }
}
