package org.mcx.desktop.applications;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.mcx.desktop.common.LiveList;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/**
 * External applications and their pending authorization requests; approve or deny (with a reason);
 * create an application, whose secret is handed out once.
 */
public final class ApplicationsViewModel {
    private final ViewContext ctx;
    private final LiveList<Console.Application> applications;
    private final ObservableList<PendingRow> pending = FXCollections.observableArrayList();
    private final FilteredList<PendingRow> pendingShown = new FilteredList<>(pending);
    private final StringProperty filter = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty();

    public ApplicationsViewModel(ViewContext ctx) {
        this.ctx = ctx;
        this.applications = new LiveList<Console.Application>(ctx.tasks(), ctx.errors(), "applications",
                () -> ctx.session().<Console.Applications>request(MessageType.APPLICATIONS_LIST, new Common.Empty())
                        .thenApply(Console.Applications::applications))
                .follow(ctx.session(), "application.", "profile.");
        applications.setAfterLoad(this::flatten);
        filter.addListener((o, was, now) -> refilter());
        applications.errorProperty().addListener((o, was, now) -> message.set(now));
    }

    public void reload() {
        applications.reload();
    }

    private void flatten() {
        pending.setAll(applications.items().stream()
                .flatMap(a -> a.pendingAuthorizations().stream().map(p -> new PendingRow(a, p))).toList());
    }

    private void refilter() {
        String text = filter.get() == null ? "" : filter.get().trim();
        pendingShown.setPredicate(text.isEmpty() ? null : r -> r.matches(text));
        applications.setFilter(text.isEmpty() ? null : a -> (a.name() + " " + a.applicationId())
                .toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT)));
    }

    public CompletableFuture<List<org.mcx.protocol.model.ApplicationProfile>> approve(PendingRow row) {
        return decide(row, Console.AuthorizationDecision.APPROVE, null);
    }

    public CompletableFuture<List<org.mcx.protocol.model.ApplicationProfile>> deny(PendingRow row, String reason) {
        return decide(row, Console.AuthorizationDecision.DENY, reason);
    }

    /**
     * Decides with a comment (a denial's reason is told to the application when it asks again;
     * either is kept in the audit log). Blank means none.
     */
    public CompletableFuture<List<org.mcx.protocol.model.ApplicationProfile>> decide(
            PendingRow row, Console.AuthorizationDecision decision, String comment) {
        String reason = comment == null || comment.isBlank() ? null : comment.trim();
        message.set(null);
        return ctx.tasks().call("decide " + row.pending().authorizationId(),
                () -> ctx.session().<Console.Profiles>request(MessageType.APPLICATIONS_DECIDE,
                        new Console.DecideAuthorization(row.pending().authorizationId(), decision, reason))
                        .thenApply(Console.Profiles::applicationProfiles))
                .onSuccess(profiles -> {
                    message.set(ctx.i18n().get(decision == Console.AuthorizationDecision.APPROVE
                            ? "applications.approved" : "applications.denied", row.application().name(),
                            row.pending().mcServiceId()));
                    reload();
                })
                .onError(f -> {
                    message.set(ctx.errors().describe(f));
                    reload();
                }).start();
    }

    /** Creates an application; the future carries the secret, which the view shows once. */
    public CompletableFuture<Console.ApplicationCreated> create(String name, boolean trustedDomain) {
        message.set(null);
        return ctx.tasks().call("create application",
                () -> ctx.session().<Console.ApplicationCreated>request(MessageType.APPLICATIONS_CREATE,
                        new Console.CreateApplication(name, trustedDomain)))
                .onSuccess(created -> {
                    message.set(ctx.i18n().get("applications.created", name));
                    reload();
                })
                .onError(f -> message.set(ctx.errors().describe(f))).start();
    }

    public boolean mayDecide() {
        return ctx.session().may(MessageType.APPLICATIONS_DECIDE);
    }

    public boolean mayCreate() {
        return ctx.session().may(MessageType.APPLICATIONS_CREATE);
    }

    public LiveList<Console.Application> applications() {
        return applications;
    }

    public FilteredList<PendingRow> pending() {
        return pendingShown;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
