package org.mcx.desktop.users;

import java.util.List;
import javafx.scene.control.Button;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.CommandPage;
import org.mcx.desktop.common.Dialogs;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.ListPage;
import org.mcx.desktop.common.Tables;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.message.Console;

/** Users and roles (administrators only: the page is not built for others). Double-click or Enter edits. */
public final class UsersView extends CommandPage<Console.User> {
    private final String self;
    private final org.mcx.desktop.common.Names names;

    public UsersView(UsersViewModel vm, ViewContext ctx) {
        I18n i18n = ctx.i18n();
        self = ctx.session().user().mcServiceId();
        names = ctx.names();
        Button add = Icons.labelled(Feather.USER_PLUS, i18n.get("users.new"));
        add.setId("new-user");
        Button edit = Icons.labelled(Feather.EDIT, i18n.get("users.edit"));
        edit.setId("edit-user");
        Button delete = Icons.labelled(Feather.TRASH_2, i18n.get("users.delete"));
        delete.setId("delete-user");
        ListPage<Console.User> page = new ListPage<>("users", i18n.get("nav.users"), Feather.USERS, vm.users(), i18n,
                u -> String.join(" ", UsersViewModel.searchable(u)),
                List.of(Tables.column(i18n.get("users.col.id"), Console.User::mcServiceId),
                        Tables.column(i18n.get("users.col.name"), Console.User::displayName),
                        Tables.column(i18n.get("users.col.roles"), u -> UsersViewModel.roles(u, i18n)),
                        Tables.column(i18n.get("users.col.services"), UsersViewModel::services),
                        Tables.column(i18n.get("users.external"), u -> u.externalAccessAllowed() ? i18n.get("yes") : i18n.get("no")),
                        Tables.column(i18n.get("users.col.priority"), u -> u.maxPriority() == null ? ""
                                : i18n.get("priority." + u.maxPriority().name())),
                        Tables.column(i18n.get("users.col.securityLevel"), Console.User::securityLevel),
                        // A user who migrated here from a partner system; ours have none.
                        Tables.column(i18n.get("users.col.home"), u -> u.homeSystemId() == null ? "" : names.partner(u.homeSystemId())),
                        Tables.time(i18n.get("users.col.locked"), Console.User::lockedUntil)),
                List.of(add, edit, delete));
        page.keepSelection(Console.User::mcServiceId);
        var none = page.table().getSelectionModel().selectedItemProperty().isNull();
        edit.disableProperty().bind(none);
        delete.disableProperty().bind(none);
        add.setOnAction(e -> UserDialog.show(owner(), i18n, null, false, null).ifPresent(vm::save));
        edit.setOnAction(e -> edit(vm, i18n, page.selected()));
        page.onOpen(u -> edit(vm, i18n, u));
        delete.setOnAction(e -> {
            Console.User u = page.selected();
            if (Dialogs.confirm(owner(), i18n.get("users.deleteTitle"), i18n.get("users.deleteHeader", u.displayName(), u.mcServiceId()),
                    i18n.get("users.deleteConfirm"), i18n.get("users.delete"))) {
                vm.delete(u.mcServiceId());
            }
        });
        createWith(add, i18n.get("users.newHint"));
        wrap(page, vm.commands());
    }

    private void edit(UsersViewModel vm, I18n i18n, Console.User u) {
        UserDialog.show(owner(), i18n, u, u.mcServiceId().equals(self),
                u.homeSystemId() == null ? null : names.partner(u.homeSystemId())).ifPresent(vm::save);
    }
}
