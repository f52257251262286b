package org.mcx.desktop.partners;

import java.util.List;
import java.util.function.Supplier;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;

/**
 * "Migration ▾" in the requests toolbar (ADMIN only): send users to a partner or remove them there;
 * then, for the groups those users join there, ask the partner for its groups or update one's members.
 */
final class MigrationMenu {
    private MigrationMenu() {
    }

    static MenuButton of(RequestsViewModel vm, I18n i18n, Supplier<Window> owner) {
        MenuItem send = new MenuItem(i18n.get("requests.sendUsers"), Icons.icon(Feather.USER_PLUS));
        send.setId("send-users");
        send.setOnAction(e -> compose(vm, i18n, owner, true));
        MenuItem remove = new MenuItem(i18n.get("requests.removeUsers"), Icons.icon(Feather.USER_MINUS));
        remove.setId("remove-users");
        remove.setOnAction(e -> compose(vm, i18n, owner, false));
        MenuButton menu = new MenuButton(i18n.get("requests.migration"), Icons.icon(Feather.USERS), send, remove,
                new javafx.scene.control.SeparatorMenuItem());
        menu.getItems().addAll(GroupsMenu.items(vm, i18n, owner));
        menu.setId("migration-menu");
        menu.setAccessibleText(i18n.get("requests.migration"));
        menu.setVisible(vm.mayMigrate());
        menu.setManaged(vm.mayMigrate());
        return menu;
    }

    /** Loads partners and users off the FX thread, then composes; the dialog sends and says what the backend refused. */
    private static void compose(RequestsViewModel vm, I18n i18n, Supplier<Window> owner, boolean sending) {
        var ctx = vm.context();
        ctx.tasks().call("load partners and users", () -> vm.partners().thenCombine(vm.users(), RequestsView.Choices::new))
                .onSuccess(c -> {
                    if (sending) {
                        SendUsersDialog.show(owner.get(), i18n, ctx.errors(), c.partners(),
                                c.users().stream().filter(RequestsViewModel::mayBeSent).toList(), vm::send);
                    } else {
                        RemoveUsersDialog.show(owner.get(), i18n, ctx.errors(), c.partners(), c.users(),
                                List.copyOf(vm.outgoing().items()), vm::send);
                    }
                })
                .onError(f -> vm.commands().messageProperty().set(ctx.errors().describe(f)))
                .start();
    }
}
