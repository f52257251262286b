package org.mcx.desktop.profiles;

import java.util.List;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TableView;
import javafx.stage.Window;
import org.mcx.desktop.common.Dialogs;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Tables;
import org.mcx.protocol.model.ApplicationProfile;

/** What a save will change, field by field, against the version now stored; Ctrl+S in it saves. */
final class ProfileReview {
    private ProfileReview() {
    }

    /** Present when the person confirmed. */
    static Optional<Boolean> confirm(Window owner, I18n i18n, ApplicationProfile against, List<ProfileDiff.Change> changes) {
        Dialog<ButtonType> review = Dialogs.create(owner, i18n.get("profiles.review"), i18n.get("profiles.reviewHeader",
                against == null ? i18n.get("profiles.newProfile") : i18n.get("profiles.versionAgainst", against.version())));
        TableView<ProfileDiff.Change> table = table(i18n, changes);
        table.setPrefWidth(600);
        review.getDialogPane().setContent(table);
        ButtonType confirm = Dialogs.actions(review, i18n.get("profiles.saveConfirm"), "confirm-save");
        return review.showAndWait().filter(b -> b == confirm).map(b -> true);
    }

    /** The changes as a table: field, before, after (whole values in the tooltips). */
    static TableView<ProfileDiff.Change> table(I18n i18n, List<ProfileDiff.Change> changes) {
        TableView<ProfileDiff.Change> t = Tables.table("");
        t.setId("diff-table");
        t.getItems().setAll(changes);
        t.getColumns().setAll(List.of(
                Tables.column(i18n.get("profiles.diff.field"), c -> i18n.get("profiles.field." + c.field())),
                Tables.column(i18n.get("profiles.diff.before"), ProfileDiff.Change::before),
                Tables.column(i18n.get("profiles.diff.after"), ProfileDiff.Change::after)));
        t.setPrefHeight(40 + 36 * Math.max(2, changes.size()));
        t.setMinWidth(0);
        t.setPrefWidth(240);
        return t;
    }
}
