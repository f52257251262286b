package org.mcx.desktop.audit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.mcx.desktop.common.LiveList;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/** The audit log, newest first: filter by actor, action and day range; export what is shown to CSV. */
public final class AuditViewModel {
    static final int LIMIT = 5000;

    private final ViewContext ctx;
    private final LiveList<Console.AuditEntry> entries;
    private final StringProperty actor = new SimpleStringProperty("");
    private final StringProperty action = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty();

    public AuditViewModel(ViewContext ctx) {
        this.ctx = ctx;
        entries = new LiveList<Console.AuditEntry>(ctx.tasks(), ctx.errors(), "audit log",
                () -> ctx.session().<Console.AuditEntries>request(MessageType.AUDIT_LIST, new Console.ListAudit(null, LIMIT))
                        .thenApply(a -> a.entries().stream()
                                .sorted((x, y) -> Long.compare(y.seq(), x.seq())).toList()))
                .follow(ctx.session(), "profile.", "application.", "user.", "partner.", "serverIdentity.", "userMigration.", "access.");
        actor.addListener((o, a, b) -> refilter());
        action.addListener((o, a, b) -> refilter());
        from.addListener((o, a, b) -> refilter());
        to.addListener((o, a, b) -> refilter());
    }

    public void reload() {
        entries.reload();
    }

    private void refilter() {
        String who = lower(actor.get());
        String what = lower(action.get());
        ZoneId zone = ZoneId.systemDefault();
        Instant after = from.get() == null ? null : from.get().atStartOfDay(zone).toInstant();
        Instant before = to.get() == null ? null : to.get().plusDays(1).atStartOfDay(zone).toInstant();
        entries.setFilter(e -> (who.isEmpty() || lower(e.actor()).contains(who))
                && (what.isEmpty() || lower(e.action()).contains(what))
                && (after == null || !e.at().isBefore(after))
                && (before == null || e.at().isBefore(before)));
    }

    private static String lower(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }

    /** Writes the entries now shown to {@code file}, off the UI thread. */
    public CompletableFuture<Integer> export(Path file) {
        List<Console.AuditEntry> shown = List.copyOf(entries.sorted());
        // Runs on the task helper's background thread: file work stays off the FX thread.
        return ctx.tasks().call("export audit to " + file, () -> {
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                AuditCsv.write(shown, w);
                return CompletableFuture.completedFuture(shown.size());
            } catch (IOException e) {
                return CompletableFuture.<Integer>failedFuture(e);
            }
        }).onSuccess(n -> message.set(ctx.i18n().get("audit.exported", n, file)))
                .onError(f -> message.set(ctx.i18n().get("audit.exportFailed", file, f.getMessage()))).start();
    }

    public LiveList<Console.AuditEntry> entries() {
        return entries;
    }

    public StringProperty actorProperty() {
        return actor;
    }

    public StringProperty actionProperty() {
        return action;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
