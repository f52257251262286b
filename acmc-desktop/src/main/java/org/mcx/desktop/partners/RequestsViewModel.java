package org.mcx.desktop.partners;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mcx.desktop.common.Commands;
import org.mcx.desktop.common.LiveList;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;

/**
 * Server identity requests between partner systems: the inbox of incoming requests (approve or
 * reject with a comment), outgoing requests with their 18-step timeline and answer, and new ones.
 */
public final class RequestsViewModel {
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
                () -> (session.may(MessageType.SERVER_IDENTITY_PENDING)
                        ? session.<Exchange.Requests>request(MessageType.SERVER_IDENTITY_PENDING, new Common.Empty())
                        : CompletableFuture.<Exchange.Requests>completedFuture(null))
                        .thenCompose(pending -> session.<Exchange.Requests>request(MessageType.SERVER_IDENTITY_LIST,
                                new Exchange.ListRequests(Exchange.Direction.INCOMING, null)))
                        .thenApply(Exchange.Requests::requests))
                .follow(session, "serverIdentity.");
        outgoing = new LiveList<Exchange.Request>(ctx.tasks(), ctx.errors(), "outgoing requests",
                () -> session.<Exchange.Requests>request(MessageType.SERVER_IDENTITY_LIST,
                        new Exchange.ListRequests(Exchange.Direction.OUTGOING, null)).thenApply(Exchange.Requests::requests))
                .follow(session, "serverIdentity.");
        commands = new Commands(ctx);
    }

    public void reload() {
        incoming.reload();
        outgoing.reload();
    }

    public CompletableFuture<Exchange.StatusResult> decide(Exchange.Request r, Exchange.ApproverDecision decision,
                                                           String comment) {
        return commands.<Exchange.StatusResult>send(MessageType.SERVER_IDENTITY_DECIDE,
                new Exchange.Decide(r.requestId(), decision, comment == null || comment.isBlank() ? null : comment.trim()),
                decision == Exchange.ApproverDecision.APPROVE ? "requests.approved" : "requests.rejected",
                ctx.names().partner(r.partnerSystemId())).whenComplete((s, f) -> reload());
    }

    public CompletableFuture<Exchange.Created> create(String partnerSystemId, List<String> users) {
        return commands.<Exchange.Created>send(MessageType.SERVER_IDENTITY_CREATE,
                new Exchange.CreateRequest(partnerSystemId, users), "requests.created", ctx.names().partner(partnerSystemId))
                .whenComplete((s, f) -> reload());
    }

    /**
     * Steps 17–18: collects the answers that arrived (serverIdentity.responses hands over every
     * stored answer once and marks it delivered); the outgoing list then shows them delivered.
     */
    public CompletableFuture<Exchange.Requests> collect() {
        commands.clear();
        return ctx.tasks().call("collect the answers", () -> ctx.session().<Exchange.Requests>request(
                        MessageType.SERVER_IDENTITY_RESPONSES, new Common.Empty()))
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

    public boolean mayCollect() {
        return ctx.session().may(MessageType.SERVER_IDENTITY_RESPONSES);
    }

    /** Partners to pick from in the new-request dialog (administrators see them). */
    public CompletableFuture<List<Console.Partner>> partners() {
        return ctx.session().<Console.Partners>request(MessageType.PARTNERS_LIST, new Common.Empty())
                .thenApply(Console.Partners::partners);
    }

    /** Users that may be named in a request to a partner. */
    public CompletableFuture<List<Console.User>> migratableUsers() {
        return ctx.session().<Console.Users>request(MessageType.USERS_LIST, new Common.Empty())
                .thenApply(u -> u.users().stream().filter(Console.User::mayMigrate).toList());
    }

    /** Only requests still waiting for a person can be decided. */
    public static boolean decidable(Exchange.Request r) {
        return r != null && r.status() == Exchange.Status.PENDING_APPROVAL;
    }

    public boolean mayDecide() {
        return ctx.session().may(MessageType.SERVER_IDENTITY_DECIDE);
    }

    public boolean mayCreate() {
        return ctx.session().may(MessageType.SERVER_IDENTITY_CREATE);
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
