package org.mcx.desktop.profiles;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.mcx.desktop.common.LiveList;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.MessageType;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ApplicationProfile;

/** The searchable profile table, the editor for the selected one and its version history. */
public final class ProfilesViewModel {
    private final ViewContext ctx;
    private final LiveList<ProfileRow> rows;
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObservableList<ApplicationProfile> history = FXCollections.observableArrayList();
    private final ProfileEditorViewModel editor;

    public ProfilesViewModel(ViewContext ctx) {
        this.ctx = ctx;
        this.rows = new LiveList<ProfileRow>(ctx.tasks(), ctx.errors(), "profiles",
                () -> ctx.session().<Console.Profiles>request(MessageType.PROFILES_LIST, new Console.ListProfiles(null))
                        .thenApply(p -> p.applicationProfiles().stream().map(ProfileRow::of).toList()))
                .follow(ctx.session(), "profile.");
        this.editor = new ProfileEditorViewModel(ctx);
        filter.addListener((o, was, now) -> applyFilter(now));
    }

    /** Per keystroke: lower-case the query once, then one contains per row. */
    public void applyFilter(String text) {
        rows.setFilter(ProfileRow.filter(text));
    }

    public void reload() {
        rows.reload();
    }

    public void select(ProfileRow row) {
        editor.edit(row == null ? null : row.profile());
        history.clear();
        if (row != null && row.id() != null) {
            loadHistory(row.id());
        }
    }

    public CompletableFuture<List<ApplicationProfile>> loadHistory(String profileId) {
        return ctx.tasks().call("history of " + profileId,
                () -> ctx.session().<Console.Profiles>request(MessageType.PROFILES_HISTORY,
                        new Console.ProfileHistory(profileId)).thenApply(Console.Profiles::applicationProfiles))
                .onSuccess(history::setAll)
                .onError(f -> editor.statusProperty().set(ctx.errors().describe(f))).start();
    }

    public LiveList<ProfileRow> rows() {
        return rows;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObservableList<ApplicationProfile> history() {
        return history;
    }

    public ProfileEditorViewModel editor() {
        return editor;
    }
}
