package org.mcx.desktop.groups;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.mcx.desktop.common.Dialogs;
import org.mcx.desktop.common.ErrorText;
import org.mcx.desktop.common.FormCheck;
import org.mcx.desktop.common.Forms;
import org.mcx.desktop.common.I18n;
import org.mcx.protocol.Check;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Console;

/**
 * Creates or edits a group: its id (fixed once made), name, members (users of this system, or who
 * migrated here), the partners that may be told of it — some, or every partner ("*") — and whether
 * they learn the members' security levels. Checked by the protocol's own rules as it is typed, the
 * failing field named by its label.
 */
final class GroupDialog {
    /** The id of its pane, by which tests and the layout check know it. */
    public static final String PANE_ID = "group-dialog";

    private GroupDialog() {
    }

    static Optional<Console.Group> show(Window owner, I18n i18n, ErrorText errors, Console.Group existing,
                                        List<Console.User> users, List<Console.Partner> partners) {
        boolean creating = existing == null;
        Dialog<ButtonType> d = Dialogs.create(owner, i18n.get(creating ? "groups.newTitle" : "groups.editTitle"),
                creating ? i18n.get("groups.newHeader") : i18n.get("groups.editHeader", existing.name(), existing.groupId()));
        d.getDialogPane().setId(PANE_ID);
        TextField id = new TextField(creating ? "" : existing.groupId());
        id.setId("group-id");
        id.setEditable(creating);
        id.setPrefColumnCount(20);
        TextField name = new TextField(creating ? "" : existing.name());
        name.setId("group-name");
        Map<String, Console.User> byId = users.stream().collect(Collectors.toMap(Console.User::mcServiceId, u -> u, (a, b) -> a));
        CheckList members = new CheckList("group-members", users.stream().map(Console.User::mcServiceId).toList(),
                creating ? List.of() : existing.members(), u -> byId.containsKey(u) ? userText(byId.get(u), i18n) : u);
        Map<String, String> partnerNames = partners.stream().collect(Collectors.toMap(Console.Partner::systemId,
                Console.Partner::name, (a, b) -> a));
        List<String> shared = creating ? List.of() : existing.sharedWith().stream().filter(s -> !"*".equals(s)).toList();
        CheckList sharedWith = new CheckList("group-shared-with", partners.stream().map(Console.Partner::systemId).toList(), shared,
                p -> partnerNames.containsKey(p) ? partnerNames.get(p) + " (" + p + ")" : p);
        sharedWith.view().setPrefHeight(90);
        CheckBox everyPartner = new CheckBox(i18n.get("groups.everyPartner"));
        everyPartner.setId("group-every-partner");
        everyPartner.setSelected(!creating && existing.sharedWith().contains("*"));
        sharedWith.view().disableProperty().bind(everyPartner.selectedProperty()); // "*" stands for all of them
        CheckBox disclose = new CheckBox(i18n.get("groups.discloseLevels"));
        disclose.setId("group-disclose-levels");
        disclose.setSelected(!creating && existing.discloseLevels());
        GridPane grid = Forms.grid();
        Forms.row(grid, 0, i18n.get("groups.col.id"), id);
        Forms.row(grid, 1, i18n.get("groups.col.name"), name);
        Forms.row(grid, 2, i18n.get("groups.col.members"), members.view());
        Forms.row(grid, 3, i18n.get("groups.col.sharedWith"), new VBox(6, everyPartner, sharedWith.view()));
        grid.add(disclose, 1, 4);
        members.view().setAccessibleText(i18n.get("groups.col.members"));
        sharedWith.view().setAccessibleText(i18n.get("groups.col.sharedWith"));
        ButtonType save = Dialogs.actions(d, i18n.get(creating ? "groups.create" : "groups.save"), "save-group");
        SimpleIntegerProperty edits = new SimpleIntegerProperty();
        members.edits().addListener((o, was, now) -> edits.set(edits.get() + 1));
        sharedWith.edits().addListener((o, was, now) -> edits.set(edits.get() + 1));
        everyPartner.selectedProperty().addListener((o, was, now) -> edits.set(edits.get() + 1));
        java.util.function.Supplier<Console.Group> group = () -> {
            // The id and the name first, under their labels, so the message names the field the person sees.
            Check.id(id.getText().trim(), i18n.get("groups.col.id"));
            Check.text(name.getText().trim(), i18n.get("groups.col.name"), 200);
            return new Console.Group(id.getText().trim(), name.getText().trim(), members.chosen(),
                    everyPartner.isSelected() ? List.of("*") : new ArrayList<>(sharedWith.chosen()), disclose.isSelected());
        };
        FormCheck check = new FormCheck()
                .rule(id, id.textProperty(), () -> problem(() -> Check.id(id.getText().trim(), i18n.get("groups.col.id")), errors))
                .rule(name, name.textProperty(), () -> problem(() -> Check.text(name.getText().trim(), i18n.get("groups.col.name"), 200),
                        errors))
                .rule(members.view(), edits, () -> problem(group, errors));
        Dialogs.content(d, grid, check, save);
        d.setOnShown(e -> (creating ? id : name).requestFocus());
        return d.showAndWait().filter(b -> b == save).map(b -> group.get());
    }

    private static String problem(java.util.function.Supplier<?> group, ErrorText errors) {
        try {
            group.get();
            return null;
        } catch (ProtocolException e) {
            return errors.describe(e);
        }
    }

    /** "Alice Martin (alice)", and where a migrated user came from. */
    static String userText(Console.User u, I18n i18n) {
        String text = u.displayName() + " (" + u.mcServiceId() + ")";
        return u.homeSystemId() == null ? text : i18n.get("groups.migratedFrom", text, u.homeSystemId());
    }
}
