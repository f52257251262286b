package org.mcx.desktop.groups;

import java.util.List;
import java.util.Map;
import javafx.scene.control.Button;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.CommandPage;
import org.mcx.desktop.common.Dialogs;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.ListPage;
import org.mcx.desktop.common.RowDetails;
import org.mcx.desktop.common.Tables;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.message.Console;

/**
 * This system's groups. Every role sees them; only administrators are offered New, Edit and Delete
 * (the others' buttons are not shown; the backend refuses them anyway). Double-click or Enter edits,
 * or for the others shows the group in full.
 */
public final class GroupsView extends CommandPage<Console.Group> {

    public GroupsView(GroupsViewModel vm, ViewContext ctx) {
        I18n i18n = ctx.i18n();
        var names = ctx.names();
        Button add = Icons.labelled(Feather.PLUS, i18n.get("groups.new"));
        add.setId("new-group");
        Button edit = Icons.labelled(Feather.EDIT, i18n.get("groups.edit"));
        edit.setId("edit-group");
        Button delete = Icons.labelled(Feather.TRASH_2, i18n.get("groups.delete"));
        delete.setId("delete-group");
        for (Button b : List.of(add, edit, delete)) {
            b.setVisible(vm.mayEdit());
            b.setManaged(vm.mayEdit());
        }
        ListPage<Console.Group> page = new ListPage<>("groups", i18n.get("nav.groups"), Feather.LAYERS, vm.groups(), i18n,
                GroupsViewModel::searchable,
                List.of(Tables.column(i18n.get("groups.col.id"), Console.Group::groupId),
                        Tables.wide(Tables.column(i18n.get("groups.col.name"), Console.Group::name), 160),
                        narrow(Tables.column(i18n.get("groups.col.members"), g -> g.members().size())),
                        Tables.wide(Tables.column(i18n.get("groups.col.sharedWith"),
                                g -> GroupsViewModel.sharedWith(g, i18n, names)), 280),
                        narrow(Tables.column(i18n.get("groups.col.discloseLevels"), g -> levels(g, i18n)))),
                List.of(add, edit, delete));
        page.keepSelection(Console.Group::groupId);
        var none = page.table().getSelectionModel().selectedItemProperty().isNull();
        edit.disableProperty().bind(none);
        delete.disableProperty().bind(none);
        add.setOnAction(e -> edit(vm, null));
        edit.setOnAction(e -> edit(vm, page.selected()));
        // Others open a group read-only, in full: who its members are, which the list only counts.
        page.onOpen(g -> {
            if (vm.mayEdit()) {
                edit(vm, g);
            } else {
                RowDetails.show(owner(), i18n, i18n.get("groups.details", g.name()), List.of(
                        Map.entry(i18n.get("groups.col.id"), g.groupId()),
                        Map.entry(i18n.get("groups.col.name"), g.name()),
                        Map.entry(i18n.get("groups.col.members"), String.join(", ", g.members())),
                        Map.entry(i18n.get("groups.col.sharedWith"), GroupsViewModel.sharedWith(g, i18n, names)),
                        Map.entry(i18n.get("groups.col.discloseLevels"), levels(g, i18n))));
            }
        });
        delete.setOnAction(e -> {
            Console.Group g = page.selected();
            if (Dialogs.confirm(owner(), i18n.get("groups.deleteTitle"), i18n.get("groups.deleteHeader", g.name(), g.groupId()),
                    i18n.get("groups.deleteConfirm"), i18n.get("groups.delete"))) {
                vm.delete(g.groupId());
            }
        });
        createWith(add, i18n.get("groups.newHint"));
        wrap(page, vm.commands());
    }

    /** Whether partners asking for the group learn its members' security levels. */
    private static String levels(Console.Group g, I18n i18n) {
        return i18n.get(g.discloseLevels() ? "groups.levelsDisclosed" : "groups.levelsWithheld");
    }

    /** A count or a word: its header's width is all it needs, the partners' names take the rest. */
    private static <T, V> javafx.scene.control.TableColumn<T, V> narrow(javafx.scene.control.TableColumn<T, V> c) {
        c.setPrefWidth(c.getMinWidth());
        return c;
    }

    /** Loads users and partners off the FX thread, then opens the dialog; saving reports under the list. */
    private void edit(GroupsViewModel vm, Console.Group existing) {
        var ctx = vm.context();
        ctx.tasks().call("load users and partners", vm::choices)
                .onSuccess(c -> GroupDialog.show(owner(), ctx.i18n(), ctx.errors(), existing, c.users(), c.partners())
                        .ifPresent(vm::save))
                .onError(f -> vm.commands().messageProperty().set(ctx.errors().describe(f)))
                .start();
    }
}
