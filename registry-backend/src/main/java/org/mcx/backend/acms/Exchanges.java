package org.mcx.backend.acms;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.mcx.backend.acms.outbox.Acknowledgements;
import org.mcx.backend.acms.outbox.Outbox;
import org.mcx.backend.acms.outbox.OutboxEntry;
import org.mcx.backend.store.Tx;
import org.mcx.backend.system.SystemContext;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Acms;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Exchange.Direction;
import org.mcx.protocol.message.Exchange.Status;

/**
 * The exchange's state machine on both sides, independent of its kind. Every method runs in a write
 * transaction: the status, its step, its event and any outbox message commit together or not at
 * all. Step numbers are those of figure 7.x.1.3-1.
 */
public final class Exchanges implements Acknowledgements {
    static final String POLICY = "policy";

    private final SystemContext ctx;
    private final RequestTable table;
    private final Map<String, ExchangeKind> kinds;
    private Outbox outbox;

    Exchanges(SystemContext ctx, RequestTable table, Map<String, ExchangeKind> kinds) {
        this.ctx = ctx;
        this.table = table;
        this.kinds = kinds;
    }

    void useOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    String system() {
        return "system:" + ctx.systemId();
    }

    ExchangeKind kind(StoredRequest r) {
        return kinds.get(r.kind());
    }

    /** Steps 1-3 on the primary: the request passed the authorization check and goes to the outbox. */
    StoredRequest createOutgoing(Tx tx, ExchangeKind kind, String partner, String requestedBy, JsonNode content)
            throws SQLException {
        return createOutgoing(tx, kind, partner, requestedBy, content, Acm.Urgency.NORMAL);
    }

    StoredRequest createOutgoing(Tx tx, ExchangeKind kind, String partner, String requestedBy, JsonNode content,
                                 Acm.Urgency urgency) throws SQLException {
        Connection c = tx.connection();
        StoredRequest r = new StoredRequest(UUID.randomUUID().toString(), kind.name(), Direction.OUTGOING, partner,
                requestedBy, content, Status.FORWARDED, Instant.now(), null, null, null, urgency);
        table.insert(c, r);
        table.step(c, r.requestId(), 1, Status.CREATED, requestedBy);
        table.step(c, r.requestId(), 2, Status.CREATED, system());
        outbox.enqueue(tx, partner, r.requestId(), kind.requestMessage(), kind.request(r, ctx.systemId()));
        table.step(c, r.requestId(), 3, Status.FORWARDED, system());
        event(tx, kind, "created", r);
        return r;
    }

    /**
     * Steps 4-6 or 4-5 and 8 on the partner: stores an incoming request, then answers it by policy
     * or holds it for an approver. A repeat of a stored request changes nothing.
     */
    Acms.Stored receiveRequest(Tx tx, ExchangeKind kind, String from, String requestId, String requestedBy,
                               JsonNode content, Instant createdAt) throws SQLException {
        return receiveRequest(tx, kind, from, requestId, requestedBy, content, createdAt, Acm.Urgency.NORMAL);
    }

    Acms.Stored receiveRequest(Tx tx, ExchangeKind kind, String from, String requestId, String requestedBy,
                               JsonNode content, Instant createdAt, Acm.Urgency urgency) throws SQLException {
        Connection c = tx.connection();
        Optional<StoredRequest> existing = table.find(c, requestId);
        if (existing.isPresent()) {
            StoredRequest e = existing.get();
            if (e.direction() == Direction.INCOMING && e.partnerSystemId().equals(from)) {
                return new Acms.Stored(true);
            }
            throw ProtocolException.conflict("requestId " + requestId + " is already in use");
        }
        PartnerPolicy policy = PartnerPolicy.load(c, from)
                .orElseThrow(() -> ProtocolException.forbidden("partner " + from + " is no longer configured"));
        StoredRequest r = new StoredRequest(requestId, kind.name(), Direction.INCOMING, from, requestedBy, content,
                Status.STORED_AT_PARTNER, createdAt, null, null, null, urgency);
        table.insert(c, r);
        table.step(c, requestId, 4, Status.STORED_AT_PARTNER, "partner:" + from);
        table.step(c, requestId, 5, Status.STORED_AT_PARTNER, system());
        int size = kind.size(content);
        if (size > policy.maxUsers()) {
            respond(tx, kind, r, policy, Acms.Decision.REJECTED, POLICY, 6, "the request carries " + size
                    + " users; local policy allows at most " + policy.maxUsers() + " per request");
        } else if (policy.autoApprove()) {
            respond(tx, kind, r, policy, Acms.Decision.APPROVED, POLICY, 6, null);
        } else {
            table.setStatus(c, requestId, Status.PENDING_APPROVAL, null);
            table.step(c, requestId, 8, Status.PENDING_APPROVAL, system());
            event(tx, kind, "pending", r);
        }
        return new Acms.Stored(true);
    }

    /** Steps 11-12 on the partner: an approver's decision on a pending request. */
    Status decide(Tx tx, String requestId, Acms.Decision decision, String approver, String comment)
            throws SQLException {
        exclusive(tx);
        Connection c = tx.connection();
        StoredRequest r = table.find(c, requestId).filter(x -> x.direction() == Direction.INCOMING)
                .orElseThrow(() -> ProtocolException.notFound("incoming request " + requestId));
        if (r.status() != Status.PENDING_APPROVAL) {
            throw ProtocolException.conflict("request " + requestId + " is " + r.status() + ", not pendingApproval");
        }
        PartnerPolicy policy = PartnerPolicy.load(c, r.partnerSystemId())
                .orElseThrow(() -> ProtocolException.conflict("partner " + r.partnerSystemId() + " is no longer configured"));
        table.step(c, requestId, 11, statusOf(decision), approver);
        return respond(tx, kind(r), r, policy, decision, approver, 12, comment);
    }

    private Status respond(Tx tx, ExchangeKind kind, StoredRequest r, PartnerPolicy policy, Acms.Decision decision,
                           String decidedBy, int step, String comment) throws SQLException {
        Connection c = tx.connection();
        Body response = kind.respond(tx, r, policy, decision, decidedBy, comment);
        Status status = statusOf(decision);
        table.setResponse(c, r.requestId(), ctx.codec().mapper().valueToTree(response), Instant.now());
        table.setStatus(c, r.requestId(), status, null);
        table.step(c, r.requestId(), step, status, decidedBy);
        outbox.enqueue(tx, r.partnerSystemId(), r.requestId(), kind.responseMessage(), response);
        event(tx, kind, "decided", r, "decision", decision == Acms.Decision.APPROVED ? "approved" : "rejected");
        return status;
    }

    /** Steps 14 and 16 on the primary: the partner's answer is stored and this system's ADMINs told. */
    Acms.Stored receiveResponse(Tx tx, String from, String requestId, JsonNode response) throws SQLException {
        exclusive(tx);
        Connection c = tx.connection();
        StoredRequest r = outgoingTo(c, from, requestId);
        if (r.response() != null || r.status() == Status.CANCELLED || r.status() == Status.FAILED) {
            return new Acms.Stored(true); // a repeat, or an answer to what an ADMIN gave up on: nothing changes
        }
        ExchangeKind kind = kind(r);
        table.setResponse(c, requestId, response, Instant.now());
        table.setStatus(c, requestId, Status.RESPONSE_STORED, null);
        table.step(c, requestId, 14, Status.RESPONSE_STORED, "partner:" + from);
        table.step(c, requestId, 16, Status.RESPONSE_STORED, system());
        event(tx, kind, "responseStored", r, "decision",
                kind.decision(response) == Acms.Decision.APPROVED ? "approved" : "rejected");
        return new Acms.Stored(true);
    }

    /** The outgoing request {@code requestId} addressed to {@code from}; anything else is unknown to it. */
    StoredRequest outgoingTo(Connection c, String from, String requestId) throws SQLException {
        return table.find(c, requestId)
                .filter(r -> r.direction() == Direction.OUTGOING && r.partnerSystemId().equals(from))
                .orElseThrow(() -> ProtocolException.notFound("request " + requestId));
    }

    /** Step 5 (primary) or 13 (partner): the other system answered {@code stored}. */
    @Override
    public void stored(Tx tx, OutboxEntry entry) throws SQLException {
        exclusive(tx);
        Connection c = tx.connection();
        Optional<StoredRequest> found = table.find(c, entry.requestId());
        if (found.isEmpty()) {
            return;
        }
        StoredRequest r = found.get();
        String partner = "partner:" + entry.partnerSystemId();
        if (entry.type() == kind(r).requestMessage()) {
            // Published even when the response overtook the stored indication: each happened once.
            if (table.step(c, r.requestId(), 5, Status.STORED_AT_PARTNER, partner)) {
                event(tx, kind(r), "stored", r);
            }
            advance(c, r, Status.STORED_AT_PARTNER, null);
        } else if (advance(c, r, Status.RESPONDED, null)) {
            table.step(c, r.requestId(), 13, Status.RESPONDED, partner);
        }
    }

    @Override
    public void refused(Tx tx, OutboxEntry entry, String reason) throws SQLException {
        exclusive(tx);
        Connection c = tx.connection();
        Optional<StoredRequest> found = table.find(c, entry.requestId());
        if (found.isPresent() && advance(c, found.get(), Status.FAILED, reason)) {
            StoredRequest r = found.get();
            table.step(c, r.requestId(), r.outgoing() ? 3 : 13, Status.FAILED, "partner:" + entry.partnerSystemId());
            event(tx, kind(r), "failed", r);
        }
    }

    /** An ADMIN stops a message still in the outbox (retried for ever otherwise). */
    Status cancel(Tx tx, String requestId, String admin) throws SQLException {
        exclusive(tx);
        Connection c = tx.connection();
        StoredRequest r = table.find(c, requestId).orElseThrow(() -> ProtocolException.notFound("request " + requestId));
        if (outbox.removeForRequest(c, requestId) == 0 || !advance(c, r, Status.CANCELLED, "cancelled by " + admin)) {
            throw ProtocolException.conflict("request " + requestId + " has nothing waiting to be sent (" + r.status() + ")");
        }
        table.step(c, requestId, r.outgoing() ? 3 : 13, Status.CANCELLED, admin);
        event(tx, kind(r), "cancelled", r);
        return Status.CANCELLED;
    }

    /**
     * A request's status moves from what this transaction read: nodes on one database take turns
     * from the read to the commit (every one of these transactions appends an event, which takes the
     * clock at its commit anyway; here it is held from the read). Without it, two approvers on two nodes both decide, or a
     * partner's "stored" recorded on one node overwrites the response another node just stored.
     */
    private static void exclusive(Tx tx) throws SQLException {
        tx.excludeOtherNodes();
    }

    private boolean advance(Connection c, StoredRequest r, Status to, String reason) throws SQLException {
        if (!RequestStateMachine.allowed(r.direction(), r.status(), to)) {
            return false;
        }
        table.setStatus(c, r.requestId(), to, reason);
        return true;
    }

    static Status statusOf(Acms.Decision d) {
        return d == Acms.Decision.APPROVED ? Status.APPROVED : Status.REJECTED;
    }

    private void event(Tx tx, ExchangeKind kind, String what, StoredRequest r, String... more) throws SQLException {
        var data = ctx.events().data().put("requestId", r.requestId()).put("partnerSystemId", r.partnerSystemId());
        for (int i = 0; i + 1 < more.length; i += 2) {
            data.put(more[i], more[i + 1]);
        }
        ctx.events().append(tx, kind.name() + "." + what, data);
    }
}
