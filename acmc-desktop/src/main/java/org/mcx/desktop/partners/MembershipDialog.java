package org.mcx.desktop.partners;

import java.util.List;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
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
 * "Update membership of a partner group" ({@code groupMembership.update}, mutual aid): a partner,
 * one of its groups (typed, or picked from what its answers told us), users of this system to add
 * and to remove (those who may migrate: the backend refuses the request for any other), and the urgency. The partner adds only users who migrated there from us, to a group
 * it shares with us, and answers per user.
 */
final class MembershipDialog {
    /** The id of its pane, by which tests and the layout check know it. */
    public static final String PANE_ID = "membership-dialog";

    private MembershipDialog() {
    }

    static boolean show(Window owner, I18n i18n, ErrorText errors, List<Console.Partner> partners, List<Console.User> users,
                        List<Exchange.Request> outgoing, ComposeDialog.Sender sender) {
        ComposeDialog d = new ComposeDialog(owner, i18n, i18n.get("requests.updateMembershipTitle"),
                i18n.get("requests.updateMembershipHeader"), PANE_ID, partners);
        ComboBox<String> group = new ComboBox<>();
        group.setId("membership-group");
        group.setEditable(true);
        group.setPromptText(i18n.get("requests.partnerGroupPrompt"));
        group.setMaxWidth(Double.MAX_VALUE);
        group.setAccessibleText(i18n.get("requests.partnerGroup"));
        Runnable known = () -> {
            Console.Partner p = d.partner().getValue();
            group.getItems().setAll(p == null ? List.of() : GroupDraft.knownGroups(p.systemId(), outgoing));
        };
        d.partner().valueProperty().addListener((o, was, now) -> known.run());
        known.run();
        ListView<Console.User> add = SendUsersDialog.userList(users, i18n);
        add.setId("membership-add");
        add.setAccessibleText(i18n.get("requests.addUsers"));
        ListView<Console.User> remove = SendUsersDialog.userList(users, i18n);
        remove.setId("membership-remove");
        remove.setAccessibleText(i18n.get("requests.removeUsersFromGroup"));
        for (ListView<Console.User> l : List.of(add, remove)) {
            l.setPrefHeight(120);
            l.setPrefWidth(250);
            HBox.setHgrow(l, Priority.ALWAYS);
        }
        SimpleIntegerProperty edits = new SimpleIntegerProperty(); // a user chosen or a group typed: check again
        add.getSelectionModel().getSelectedItems().addListener((ListChangeListener<Console.User>) c -> edits.set(edits.get() + 1));
        remove.getSelectionModel().getSelectedItems().addListener((ListChangeListener<Console.User>) c -> edits.set(edits.get() + 1));
        group.getEditor().textProperty().addListener((o, was, now) -> edits.set(edits.get() + 1));
        group.valueProperty().addListener((o, was, now) -> edits.set(edits.get() + 1));
        FormCheck check = new FormCheck().rule(group, edits, () -> {
            try {
                content(group, add, remove);
                return null;
            } catch (ProtocolException e) {
                return errors.describe(e);
            }
        });
        Label groupLabel = new Label(i18n.get("requests.partnerGroup"));
        groupLabel.setLabelFor(group);
        VBox addBox = new VBox(4, labelFor(add, i18n.get("requests.addUsers")), add);
        VBox removeBox = new VBox(4, labelFor(remove, i18n.get("requests.removeUsersFromGroup")), remove);
        HBox.setHgrow(addBox, Priority.ALWAYS);
        HBox.setHgrow(removeBox, Priority.ALWAYS);
        d.form(new VBox(8, groupLabel, group, new HBox(12, addBox, removeBox)), check);
        return d.showAndSend(() -> content(group, add, remove), sender, errors, group);
    }

    private static Label labelFor(ListView<?> list, String text) {
        Label l = new Label(text);
        l.setLabelFor(list);
        l.setWrapText(true);
        return l;
    }

    /** The typed text counts even before Enter: an editable combo box commits its value only then. */
    private static Acm.MembershipUpdate content(ComboBox<String> group, ListView<Console.User> add, ListView<Console.User> remove) {
        return GroupDraft.membership(group.getEditor().getText(), ids(add), ids(remove));
    }

    private static List<String> ids(ListView<Console.User> list) {
        return list.getSelectionModel().getSelectedItems().stream().map(Console.User::mcServiceId).toList();
    }
}
