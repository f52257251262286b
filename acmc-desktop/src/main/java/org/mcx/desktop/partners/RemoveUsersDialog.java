package org.mcx.desktop.partners;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.mcx.desktop.common.ErrorText;
import org.mcx.desktop.common.FormCheck;
import org.mcx.desktop.common.I18n;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;

/**
 * "Remove users from migration" ({@code userMigration.remove}): a partner, the users it holds as
 * migrated from us (as our answers tell), other ids typed for those this console cannot know of
 * (sent from another system's records, or before its answers were kept), and the urgency.
 */
final class RemoveUsersDialog {
    /** The id of its pane, by which tests and the layout check know it. */
    public static final String PANE_ID = "remove-users-dialog";

    private RemoveUsersDialog() {
    }

    static boolean show(Window owner, I18n i18n, ErrorText errors, List<Console.Partner> partners, List<Console.User> users,
                        List<Exchange.Request> outgoing, ComposeDialog.Sender sender) {
        ComposeDialog d = new ComposeDialog(owner, i18n, i18n.get("requests.removeUsersTitle"),
                i18n.get("requests.removeUsersHeader"), PANE_ID, partners);
        Map<String, String> names = users.stream().collect(Collectors.toMap(Console.User::mcServiceId, Console.User::displayName,
                (a, b) -> a));
        ListView<String> who = new ListView<>();
        who.setId("removal-users");
        who.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        who.setPrefHeight(150);
        who.setAccessibleText(i18n.get("requests.heldUsers"));
        Function<String, String> text = id -> names.containsKey(id) ? names.get(id) + " (" + id + ")" : id;
        who.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(String id, boolean empty) {
                super.updateItem(id, empty);
                setText(empty || id == null ? null : text.apply(id));
            }
        });
        Label none = new Label();
        none.setWrapText(true);
        Runnable fill = () -> {
            Console.Partner p = d.partner().getValue();
            who.getItems().setAll(p == null ? List.of() : MigrationDraft.heldBy(p.systemId(), outgoing));
            none.setText(who.getItems().isEmpty() ? i18n.get("requests.noneHeld") : "");
        };
        d.partner().valueProperty().addListener((o, was, now) -> fill.run());
        fill.run();
        TextField other = new TextField();
        other.setId("removal-other");
        other.setPromptText(i18n.get("requests.otherIdsPrompt"));
        Label whoLabel = new Label(i18n.get("requests.heldUsers"));
        whoLabel.setLabelFor(who);
        Label otherLabel = new Label(i18n.get("requests.otherIds"));
        otherLabel.setLabelFor(other);
        SimpleIntegerProperty edits = new SimpleIntegerProperty();
        who.getSelectionModel().getSelectedItems().addListener((ListChangeListener<String>) c -> edits.set(edits.get() + 1));
        other.textProperty().addListener((o, was, now) -> edits.set(edits.get() + 1));
        FormCheck check = new FormCheck().rule(other, edits, () -> {
            try {
                content(who, other);
                return null;
            } catch (ProtocolException e) {
                return who.getSelectionModel().isEmpty() && other.getText().isBlank() ? i18n.get("requests.usersRequired")
                        : errors.describe(e);
            }
        });
        d.form(new VBox(8, whoLabel, who, none, otherLabel, other), check);
        return d.showAndSend(() -> content(who, other), sender, errors, who);
    }

    private static Acm.UserRemoval content(ListView<String> who, TextField other) {
        return MigrationDraft.removing(List.copyOf(who.getSelectionModel().getSelectedItems()), other.getText());
    }
}
