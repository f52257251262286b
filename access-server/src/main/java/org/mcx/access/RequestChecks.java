package org.mcx.access;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * The checks every request passes before it may go upstream, whichever protocol brought it: its head
 * ({@link RequestHead}), its token, grant and rate ({@link AccessChecks}), its declared size, then
 * admission by priority. A refusal is counted and reported here; the caller answers it.
 */
final class RequestChecks {
    private RequestChecks() {
    }

    /** Where the request may go (and its query, kept for the upstream), or why it may not. */
    record Verdict(Target target, String query, Refusal refusal) {
        static Verdict refused(Refusal r) {
            return new Verdict(null, null, r);
        }
    }

    static Verdict check(Gateway gateway, HttpRequest request, boolean http2) {
        gateway.counters().received();
        AccessChecks.Seen seen = new AccessChecks.Seen();
        Target target;
        String query;
        try {
            String uri = RequestHead.check(request, http2);
            int q = uri.indexOf('?');
            query = q < 0 ? null : uri.substring(q);
            target = gateway.checks().authorize(q < 0 ? uri : uri.substring(0, q),
                    request.headers().get(HttpHeaderNames.AUTHORIZATION), request.headers().get("MC-Priority"), seen);
            if (HttpUtil.getContentLength(request, -1L) > gateway.config().maxBodyBytes()) {
                throw new Refusal(413, "Content Too Large", "too-large", "the body is over the limit", 0);
            }
        } catch (Refusal r) {
            gateway.counters().denied(r.reason);
            gateway.reporter().denied(r.reason, seen.applicationId, seen.mcServiceId, seen.applicationProfileId);
            return Verdict.refused(r);
        }
        if (!gateway.admission().tryEnter(target.priority())) {
            gateway.counters().shed(target.priority());
            gateway.reporter().denied("shed-" + target.priority().wireName(), target.route().applicationId(),
                    target.mcServiceId(), target.route().applicationProfileId());
            return Verdict.refused(new Refusal(503, "Service Unavailable", "shed", "overloaded; try again shortly", 1));
        }
        return new Verdict(target, query, null);
    }
}
