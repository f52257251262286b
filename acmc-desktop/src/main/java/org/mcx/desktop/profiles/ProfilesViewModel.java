package org.mcx.desktop.profiles;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.mcx.desktop.common.LiveList;
import org.mcx.desktop.common.Tables;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.wire.MessageType;

/**
 * The searchable profile table, the editor for the selected one and its version history. The
 * history is loaded again whenever the profile changes (a save here or anyone's elsewhere), and
 * each version says what it changed.
 */
public final class ProfilesViewModel {
    private final ViewContext ctx;
    private final LiveList<ProfileRow> rows;
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private final ProfileEditorViewModel editor;
    private String historyOf;
    private long shownVersion = -1;

    public ProfilesViewModel(ViewContext ctx) {
        this.ctx = ctx;
        this.rows = new LiveList<ProfileRow>(ctx.tasks(), ctx.errors(), "profiles",
                () -> ctx.session().<Console.Profiles>request(MessageType.PROFILES_LIST, new Console.ListProfiles(null))
                        .thenApply(p -> p.applicationProfiles().stream().map(x -> ProfileRow.of(x, ctx.names())).toList()))
                .follow(ctx.session(), "profile.");
        this.editor = new ProfileEditorViewModel(ctx);
        rows.setAfterLoad(this::afterLoad);
        editor.setOnSaved(this::reloadHistory);
        filter.addListener((o, was, now) -> applyFilter(now));
        // Names arrive after the first rows may have: show the applications by name once they do.
        ctx.names().revisionProperty().addListener((o, was, now) ->
                rows.items().replaceAll(r -> ProfileRow.of(r.profile(), ctx.names())));
    }

    /** After each load: the editor learns of a newer version saved elsewhere, and the history shows it. */
    private void afterLoad() {
        ApplicationProfile edited = editor.baseProperty().get();
        if (edited == null || edited.applicationProfileId() == null) {
            return;
        }
        rows.items().stream().filter(r -> edited.applicationProfileId().equals(r.id())).findFirst().ifPresent(r -> {
            editor.stored(r.profile());
            if (r.version() != shownVersion) {
                reloadHistory();
            }
        });
    }

    /** Per keystroke: lower-case the query once, then one contains per row. */
    public void applyFilter(String text) {
        rows.setFilter(ProfileRow.filter(text));
    }

    /** Completes once the table shows an answer given after this call. */
    public CompletableFuture<Void> reload() {
        return rows.reload();
    }

    public void select(ProfileRow row) {
        editor.edit(row == null ? null : row.profile());
        history.clear();
        shownVersion = -1;
        historyOf = row == null ? null : row.id();
        if (historyOf != null) {
            loadHistory(historyOf);
        }
    }

    private void reloadHistory() {
        ApplicationProfile p = editor.baseProperty().get();
        if (p != null && p.applicationProfileId() != null) {
            historyOf = p.applicationProfileId();
            loadHistory(historyOf);
        }
    }

    public CompletableFuture<List<ApplicationProfile>> loadHistory(String profileId) {
        return ctx.tasks().call("history of " + profileId,
                () -> ctx.session().<Console.Profiles>request(MessageType.PROFILES_HISTORY,
                        new Console.ProfileHistory(profileId)).thenApply(Console.Profiles::applicationProfiles))
                .onSuccess(versions -> {
                    if (profileId.equals(historyOf)) {
                        history.setAll(lines(versions));
                        shownVersion = versions.isEmpty() || versions.get(0).version() == null ? -1 : versions.get(0).version();
                    }
                })
                .onError(f -> editor.statusProperty().set(ctx.errors().describe(f))).start();
    }

    /** One line per version, newest first: who, when, and what it changed against the version before. */
    List<String> lines(List<ApplicationProfile> newestFirst) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            ApplicationProfile v = newestFirst.get(i);
            ApplicationProfile before = i + 1 < newestFirst.size() ? newestFirst.get(i + 1) : null;
            String what = before == null ? ctx.i18n().get("profiles.historyCreated", summary(v))
                    : ProfileDiff.between(before, v).stream()
                    .map(c -> ctx.i18n().get("profiles.historyChange", ctx.i18n().get("profiles.field." + c.field()),
                            c.before().isEmpty() ? "—" : c.before(), c.after().isEmpty() ? "—" : c.after()))
                    .collect(Collectors.joining("; "));
            out.add(ctx.i18n().get("profiles.historyLine", v.version(), v.updatedBy(), Tables.format(v.updatedAt()),
                    what.isEmpty() ? ctx.i18n().get("profiles.historyNoChange") : what));
        }
        return out;
    }

    private String summary(ApplicationProfile p) {
        var d = p.serviceInterfaceDescription();
        return ctx.i18n().get("profiles.historySummary", p.authorizedService().serviceType(),
                p.authorizedService().serviceInterface(), String.join(", ", d.protocols()),
                String.join(", ", d.capabilities()), d.messages().size());
    }

    public LiveList<ProfileRow> rows() {
        return rows;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObservableList<String> history() {
        return history;
    }

    public ProfileEditorViewModel editor() {
        return editor;
    }

    public ViewContext context() {
        return ctx;
    }
}
