package org.mcx.desktop.partners;

import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.mcx.desktop.common.Dialogs;
import org.mcx.desktop.common.I18n;
import org.mcx.protocol.message.Console;

/** Step 1: pick a partner (by name) and the users migrating there (by name and id). */
final class NewRequestDialog {
    /** The id of its pane, by which tests and the layout check know it. */
    public static final String PANE_ID = "new-request-dialog";
    record Choice(String partnerSystemId, List<String> users) {
    }

    private NewRequestDialog() {
    }

    static Optional<Choice> show(Window owner, I18n i18n, List<Console.Partner> partners, List<Console.User> users) {
        Dialog<ButtonType> d = Dialogs.create(owner, i18n.get("requests.newTitle"), i18n.get("requests.newHeader"));
        d.getDialogPane().setId(PANE_ID);
        ComboBox<Console.Partner> partner = PartnerChoice.box(i18n, "request-partner", partners);
        ListView<Console.User> who = new ListView<>();
        who.setId("request-users");
        who.getItems().setAll(users);
        who.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Console.User u, boolean empty) {
                super.updateItem(u, empty);
                setText(empty || u == null ? null : u.displayName() + " (" + u.mcServiceId() + ")");
            }
        });
        who.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        who.setPrefHeight(200);
        who.setPrefWidth(380);
        who.setAccessibleText(i18n.get("requests.users"));
        Label partnerLabel = new Label(i18n.get("requests.partner"));
        partnerLabel.setLabelFor(partner);
        Label usersLabel = new Label(i18n.get("requests.users"));
        usersLabel.setLabelFor(who);
        Label none = new Label(users.isEmpty() ? i18n.get("requests.noMigratingUsers") : "");
        none.setWrapText(true);
        d.getDialogPane().setContent(new VBox(8, partnerLabel, partner, usersLabel, who, none));
        ButtonType send = Dialogs.actions(d, i18n.get("requests.send"), "send-request");
        d.getDialogPane().lookupButton(send).disableProperty().bind(partner.valueProperty().isNull()
                .or(Bindings.isEmpty(who.getSelectionModel().getSelectedItems())));
        d.setOnShown(e -> who.requestFocus());
        return d.showAndWait().filter(b -> b == send).map(b -> new Choice(partner.getValue().systemId(),
                who.getSelectionModel().getSelectedItems().stream().map(Console.User::mcServiceId).toList()));
    }
}
