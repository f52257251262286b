package org.mcx.desktop.partners;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.mcx.desktop.common.ErrorText;
import org.mcx.desktop.common.FormCheck;
import org.mcx.desktop.common.Forms;
import org.mcx.desktop.common.I18n;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Console;

/**
 * "Send users for migration" ({@code userMigration.add}): a partner, users of this system who may
 * migrate, the partner's groups each must join (optional, comma-separated) and the urgency. The
 * backend adds what it holds of each user (name, security level, highest priority).
 */
final class SendUsersDialog {
    /** The id of its pane, by which tests and the layout check know it. */
    public static final String PANE_ID = "send-users-dialog";

    private SendUsersDialog() {
    }

    static boolean show(Window owner, I18n i18n, ErrorText errors, List<Console.Partner> partners, List<Console.User> users,
                        ComposeDialog.Sender sender) {
        ComposeDialog d = new ComposeDialog(owner, i18n, i18n.get("requests.sendUsersTitle"), i18n.get("requests.sendUsersHeader"),
                PANE_ID, partners);
        ListView<Console.User> who = userList(users, i18n);
        Map<String, TextField> groups = new HashMap<>();
        GridPane groupRows = Forms.grid();
        groupRows.setId("migration-groups");
        SimpleIntegerProperty edits = new SimpleIntegerProperty(); // any typed group or chosen user: check again
        Label chooseFirst = new Label(i18n.get("requests.groupsChooseFirst"));
        chooseFirst.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
        Runnable showGroupRows = () -> {
            groupRows.getChildren().clear();
            if (who.getSelectionModel().getSelectedItems().isEmpty()) {
                groupRows.add(chooseFirst, 0, 0, 2, 1);
            }
            int row = 0;
            for (Console.User u : who.getSelectionModel().getSelectedItems()) {
                TextField field = groups.computeIfAbsent(u.mcServiceId(), id -> groupField(id, i18n, edits));
                Forms.row(groupRows, row++, u.displayName() + " (" + u.mcServiceId() + ")", field);
            }
            edits.set(edits.get() + 1);
        };
        who.getSelectionModel().getSelectedItems().addListener((ListChangeListener<Console.User>) c -> showGroupRows.run());
        showGroupRows.run();
        ScrollPane groupPane = new ScrollPane(groupRows);
        groupPane.setFitToWidth(true);
        groupPane.setPrefViewportHeight(110);
        Label usersLabel = new Label(i18n.get("requests.users"));
        usersLabel.setLabelFor(who);
        Label groupsLabel = new Label(i18n.get("requests.groupsPerUser"));
        Label none = new Label(users.isEmpty() ? i18n.get("requests.noMigratingUsers") : "");
        none.setWrapText(true);
        FormCheck check = new FormCheck()
                .rule(who, edits, () -> who.getSelectionModel().getSelectedItems().isEmpty() ? i18n.get("requests.usersRequired") : null)
                .rule(who, edits, () -> {
                    try {
                        content(who, groups);
                        return null;
                    } catch (ProtocolException e) {
                        return errors.describe(e);
                    }
                });
        d.form(new VBox(8, usersLabel, who, none, groupsLabel, groupPane), check);
        return d.showAndSend(() -> content(who, groups), sender, errors, who);
    }

    private static org.mcx.protocol.message.Acm.UserMigration content(ListView<Console.User> who, Map<String, TextField> groups) {
        Map<String, String> typed = new HashMap<>();
        groups.forEach((id, field) -> typed.put(id, field.getText()));
        return MigrationDraft.adding(who.getSelectionModel().getSelectedItems().stream().map(Console.User::mcServiceId).toList(),
                typed);
    }

    private static TextField groupField(String userId, I18n i18n, SimpleIntegerProperty edits) {
        TextField f = new TextField();
        f.setId("groups-" + userId);
        f.setPromptText(i18n.get("requests.groupsPrompt"));
        f.setPrefColumnCount(22);
        f.textProperty().addListener((o, was, now) -> edits.set(edits.get() + 1));
        return f;
    }

    static ListView<Console.User> userList(List<Console.User> users, I18n i18n) {
        ListView<Console.User> who = new ListView<>();
        who.setId("migration-users");
        who.getItems().setAll(users);
        who.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Console.User u, boolean empty) {
                super.updateItem(u, empty);
                setText(empty || u == null ? null : u.displayName() + " (" + u.mcServiceId() + ")");
            }
        });
        who.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        who.setPrefHeight(150);
        who.setAccessibleText(i18n.get("requests.users"));
        return who;
    }
}
