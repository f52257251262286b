package org.mcx.desktop.partners;

import java.util.List;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.mcx.desktop.common.I18n;
import org.mcx.protocol.message.Console;

/** Step 1: pick a partner and the users migrating there. */
final class NewRequestDialog {
    record Choice(String partnerSystemId, List<String> users) {
    }

    private NewRequestDialog() {
    }

    static Optional<Choice> show(Window owner, I18n i18n, List<Console.Partner> partners, List<Console.User> users) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(i18n.get("requests.new"));
        d.setHeaderText(i18n.get("requests.newHeader"));
        ComboBox<String> partner = new ComboBox<>();
        partner.setId("request-partner");
        partner.getItems().setAll(partners.stream().map(Console.Partner::systemId).toList());
        if (!partner.getItems().isEmpty()) {
            partner.setValue(partner.getItems().get(0));
        }
        partner.setAccessibleText(i18n.get("requests.partner"));
        ListView<String> who = new ListView<>();
        who.setId("request-users");
        who.getItems().setAll(users.stream().map(Console.User::mcServiceId).toList());
        who.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        who.setPrefHeight(200);
        who.setAccessibleText(i18n.get("requests.users"));
        d.getDialogPane().setContent(new VBox(8, new Label(i18n.get("requests.partner")), partner,
                new Label(i18n.get("requests.users")), who));
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(partner.valueProperty().isNull()
                .or(javafx.beans.binding.Bindings.isEmpty(who.getSelectionModel().getSelectedItems())));
        return d.showAndWait().filter(b -> b == ButtonType.OK)
                .map(b -> new Choice(partner.getValue(), List.copyOf(who.getSelectionModel().getSelectedItems())));
    }
}
