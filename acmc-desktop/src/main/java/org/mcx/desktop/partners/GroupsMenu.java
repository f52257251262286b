package org.mcx.desktop.partners;

import java.util.List;
import java.util.function.Supplier;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;

/**
 * The group items of the requests toolbar's "Migration ▾" menu: ask a partner for its groups, or
 * update the membership of one of them (ADMIN only, as the whole menu). In the same menu rather than
 * a sibling: at 1024 px, beside the demo's guide, the toolbar has no room for another button.
 */
final class GroupsMenu {
    private GroupsMenu() {
    }

    static List<MenuItem> items(RequestsViewModel vm, I18n i18n, Supplier<Window> owner) {
        MenuItem ask = new MenuItem(i18n.get("requests.askGroups"), Icons.icon(Feather.HELP_CIRCLE));
        ask.setId("ask-groups");
        ask.setOnAction(e -> compose(vm, i18n, owner, true));
        MenuItem update = new MenuItem(i18n.get("requests.updateMembership"), Icons.icon(Feather.USER_CHECK));
        update.setId("update-membership");
        update.setOnAction(e -> compose(vm, i18n, owner, false));
        return List.of(ask, update);
    }

    /** Loads partners (and users, for a membership update) off the FX thread, then composes. */
    private static void compose(RequestsViewModel vm, I18n i18n, Supplier<Window> owner, boolean asking) {
        var ctx = vm.context();
        ctx.tasks().call("load partners and users", () -> vm.partners().thenCombine(
                        asking ? java.util.concurrent.CompletableFuture.completedFuture(List.<org.mcx.protocol.message.Console.User>of())
                                : vm.migratableUsers(), RequestsView.Choices::new))
                .onSuccess(c -> {
                    if (asking) {
                        AskGroupsDialog.show(owner.get(), i18n, ctx.errors(), c.partners(), vm::send);
                    } else {
                        MembershipDialog.show(owner.get(), i18n, ctx.errors(), c.partners(), c.users(),
                                List.copyOf(vm.outgoing().items()), vm::send);
                    }
                })
                .onError(f -> vm.commands().messageProperty().set(ctx.errors().describe(f)))
                .start();
    }
}
