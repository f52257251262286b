package org.mcx.desktop.partners;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mcx.desktop.common.Commands;
import org.mcx.desktop.common.LiveList;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;

/**
 * Partner requests of every kind (server identities, users sent or removed for migration): the
 * inbox of incoming ones (approve or reject with a comment), the outbox with their 18-step timeline
 * and answer, new ones, collecting answers and cancelling what still waits in the outbox.
 */
public final class RequestsViewModel {
    /** The event families of every exchange kind: each kind's events carry its name as prefix. */
    static final String[] EXCHANGE_EVENTS = {"serverIdentity.", "userMigration.", "groups.", "groupMembership."};

    /** The order the backend lists in, kept when the list is re-sorted here: urgent first, then oldest first. */
    static final Comparator<Exchange.Request> URGENT_THEN_OLDEST = Comparator
            .comparing((Exchange.Request r) -> Acm.Urgency.orNormal(r.urgency()) == Acm.Urgency.URGENT ? 0 : 1)
            .thenComparing(Exchange.Request::createdAt, Comparator.nullsLast(Comparator.naturalOrder()));

    private final ViewContext ctx;
    private final LiveList<Exchange.Request> incoming;
    private final LiveList<Exchange.Request> outgoing;
    private final Commands commands;

    public RequestsViewModel(ViewContext ctx) {
        this.ctx = ctx;
        var session = ctx.session();
        // An approver's inbox first asks for the pending requests (steps 9-10: the partner's ACMS then
        // records that they reached a person), then lists every incoming one with its steps.
        incoming = new LiveList<Exchange.Request>(ctx.tasks(), ctx.errors(), "incoming requests",
                () -> (session.may(MessageType.ACM_PENDING)
                        ? session.<Exchange.Requests>request(MessageType.ACM_PENDING, new Common.Empty())
                        : CompletableFuture.<Exchange.Requests>completedFuture(null))
                        .thenCompose(pending -> list(Exchange.Direction.INCOMING)))
                .follow(session, EXCHANGE_EVENTS);
        outgoing = new LiveList<Exchange.Request>(ctx.tasks(), ctx.errors(), "outgoing requests",
                () -> list(Exchange.Direction.OUTGOING))
                .follow(session, EXCHANGE_EVENTS);
        commands = new Commands(ctx);
    }

    private CompletableFuture<List<Exchange.Request>> list(Exchange.Direction direction) {
        return ctx.session().<Exchange.Requests>request(MessageType.ACM_LIST, new Exchange.AcmList(direction, null, null))
                .thenApply(got -> got.requests().stream().sorted(URGENT_THEN_OLDEST).toList());
    }

    public void reload() {
        incoming.reload();
        outgoing.reload();
    }

    /** Steps 11-12 for a request of any kind. */
    public CompletableFuture<Exchange.StatusResult> decide(Exchange.Request r, Exchange.ApproverDecision decision,
                                                           String comment) {
        return commands.<Exchange.StatusResult>send(MessageType.ACM_DECIDE,
                new Exchange.Decide(r.requestId(), decision, comment == null || comment.isBlank() ? null : comment.trim()),
                decision == Exchange.ApproverDecision.APPROVE ? "requests.approved" : "requests.rejected",
                ctx.names().partner(r.partnerSystemId())).whenComplete((s, f) -> reload());
    }

    /** Server identities keep their own message ({@code acm.create} carries every other kind). */
    public CompletableFuture<Exchange.Created> create(String partnerSystemId, List<String> users) {
        return commands.<Exchange.Created>send(MessageType.SERVER_IDENTITY_CREATE,
                new Exchange.CreateRequest(partnerSystemId, users), "requests.created", ctx.names().partner(partnerSystemId))
                .whenComplete((s, f) -> reload());
    }

    /**
     * Sends a request of a kind beyond server identities ({@code acm.create}): users sent for
     * migration or removed, groups asked for, a group membership update. The future fails with the
     * backend's refusal, so the dialog that composed it can say why and stay open.
     */
    public CompletableFuture<Exchange.Created> send(String partnerSystemId, Acm.Urgency urgency, Acm.Content content) {
        String done = content instanceof Acm.UserRemoval ? "requests.removalSent"
                : content instanceof Acm.GroupQuery ? "requests.groupRequested"
                : content instanceof Acm.MembershipUpdate ? "requests.membershipSent" : "requests.migrationSent";
        return commands.<Exchange.Created>send(MessageType.ACM_CREATE, new Exchange.AcmCreate(partnerSystemId, urgency, content),
                done, content.namedUsers().size(), ctx.names().partner(partnerSystemId)).whenComplete((s, f) -> reload());
    }

    /** Stops a message still waiting in this system's outbox (a request not yet stored there, or our answer). */
    public CompletableFuture<Exchange.StatusResult> cancel(Exchange.Request r) {
        return commands.<Exchange.StatusResult>send(MessageType.ACM_CANCEL, new Exchange.Cancel(r.requestId()),
                "requests.cancelled", ctx.names().partner(r.partnerSystemId())).whenComplete((s, f) -> reload());
    }

    /**
     * Steps 17–18: collects the answers that arrived (acm.responses hands over every stored answer,
     * of every kind, once and marks it delivered); the outgoing list then shows them delivered.
     */
    public CompletableFuture<Exchange.Requests> collect() {
        commands.clear();
        return ctx.tasks().call("collect the answers", () -> ctx.session().<Exchange.Requests>request(
                        MessageType.ACM_RESPONSES, new Common.Empty()))
                .onSuccess(got -> {
                    commands.messageProperty().set(got.requests().isEmpty() ? ctx.i18n().get("requests.nothingToCollect")
                            : ctx.i18n().get("requests.collected", got.requests().size(), String.join(", ", got.requests().stream()
                                    .map(r -> ctx.names().partner(r.partnerSystemId())).distinct().toList())));
                    reload();
                })
                .onError(f -> commands.messageProperty().set(ctx.errors().describe(f))).start();
    }

    /** Whether an answer waits to be collected (step 14 done, 17 not yet). */
    public static boolean collectable(Exchange.Request r) {
        return r != null && r.status() == Exchange.Status.RESPONSE_STORED;
    }

    /**
     * Whether its message still waits in this system's outbox: our request before the partner stored
     * it, or our answer before the requesting system stored it. Nothing else can be called back.
     */
    public static boolean cancellable(Exchange.Request r) {
        if (r == null) {
            return false;
        }
        return r.direction() == Exchange.Direction.OUTGOING ? r.status() == Exchange.Status.FORWARDED
                : r.status() == Exchange.Status.APPROVED || r.status() == Exchange.Status.REJECTED;
    }

    public boolean mayCollect() {
        return ctx.session().may(MessageType.ACM_RESPONSES);
    }

    public boolean mayCancel() {
        return ctx.session().may(MessageType.ACM_CANCEL);
    }

    /** Partners to pick from in the compose dialogs (administrators see them). */
    public CompletableFuture<List<Console.Partner>> partners() {
        return ctx.session().<Console.Partners>request(MessageType.PARTNERS_LIST, new Common.Empty())
                .thenApply(Console.Partners::partners);
    }

    /** This system's own users that may be named in a request to a partner (never one who migrated here). */
    public CompletableFuture<List<Console.User>> migratableUsers() {
        return users().thenApply(all -> all.stream().filter(RequestsViewModel::mayBeSent).toList());
    }

    /** Every user (for their names in the removal dialog). */
    public CompletableFuture<List<Console.User>> users() {
        return ctx.session().<Console.Users>request(MessageType.USERS_LIST, new Common.Empty()).thenApply(Console.Users::users);
    }

    /** A user of this system whom its ADMIN allowed to migrate; a user who migrated here is another system's to send. */
    static boolean mayBeSent(Console.User u) {
        return u.mayMigrate() && u.homeSystemId() == null;
    }

    /** Only requests still waiting for a person can be decided. */
    public static boolean decidable(Exchange.Request r) {
        return r != null && r.status() == Exchange.Status.PENDING_APPROVAL;
    }

    public boolean mayDecide() {
        return ctx.session().may(MessageType.ACM_DECIDE);
    }

    public boolean mayCreate() {
        return ctx.session().may(MessageType.SERVER_IDENTITY_CREATE);
    }

    /** Whether this user may send users for migration or remove them (ADMIN). */
    public boolean mayMigrate() {
        return ctx.session().may(MessageType.ACM_CREATE);
    }

    public LiveList<Exchange.Request> incoming() {
        return incoming;
    }

    public LiveList<Exchange.Request> outgoing() {
        return outgoing;
    }

    public Commands commands() {
        return commands;
    }

    public ViewContext context() {
        return ctx;
    }
}
