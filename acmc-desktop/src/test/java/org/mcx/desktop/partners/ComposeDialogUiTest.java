package org.mcx.desktop.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import org.junit.jupiter.api.Test;
import org.mcx.desktop.testing.TestBackend;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;

/**
 * The {@link ComposeDialog} in a real window between two real backends, at a laptop's 1024×700, as
 * each of the four dialogs built on it (send users, remove users, ask for groups, update membership)
 * opens it from "Migration ▾": an administrator sees its partner choice, "urgent" and Send, laid out
 * whole, and closes it with Cancel or Escape, sending nothing; no other role is offered the menu.
 */
class ComposeDialogUiTest extends TwoSystemsUiTest {
    private static final String COMPOSE = ComposeDialog.class.getSimpleName();
    /** The menu item of "Migration ▾" and the pane of the dialog it opens, each a {@link ComposeDialog}. */
    private static final Map<String, String> DIALOGS = Map.of(
            "send-users", SendUsersDialog.PANE_ID,
            "remove-users", RemoveUsersDialog.PANE_ID,
            "ask-groups", AskGroupsDialog.PANE_ID,
            "update-membership", MembershipDialog.PANE_ID);

    @Test
    @SuppressWarnings("unchecked")
    void anAdministratorOpensEveryComposeDialogAndClosesItSendingNothing() throws Exception {
        openLaptopWindow(primary.base(), TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD, "requests");
        waitUntil("the migration menu", () -> present("#migration-menu")
                && lookup("#migration-menu", MenuButton.class).isVisible());
        for (String item : List.of("send-users", "remove-users", "ask-groups", "update-membership")) {
            // Escape from where each dialog puts the keyboard: the users list (send-users; a ListView takes Escape
            // as "stop editing" even when nothing is edited, which Dialogs turns back into Cancel) or a choice box.
            boolean byEscape = item.equals("send-users") || item.equals("update-membership");
            String where = "the " + COMPOSE + " as " + item + " for " + Role.ADMIN;
            Platform.runLater(() -> lookup("#migration-menu", MenuButton.class).getItems().stream()
                    .filter(i -> item.equals(i.getId())).findFirst().orElseThrow().fire());
            DialogPane d = dialog(item);
            assertThat(d.getId()).as("the pane of " + where).isEqualTo(DIALOGS.get(item));

            ComboBox<Console.Partner> partner = (ComboBox<Console.Partner>) d.lookup("#compose-partner");
            assertThat(partner).as(COMPOSE + "'s partner choice in " + where).isNotNull();
            assertThat(onFx(() -> partner.getItems().stream().map(Console.Partner::systemId).toList())).containsExactly("mcx-b");
            assertThat(onFx(() -> partner.getValue().systemId())).as("the only partner, chosen").isEqualTo("mcx-b");
            assertThat(onFx(() -> ((CheckBox) d.lookup("#compose-urgent")).isSelected())).as("urgent only when asked").isFalse();
            assertThat(onFx(() -> ((Label) d.lookup("#compose-refusal")).getText())).as("no refusal yet").isNullOrEmpty();
            assertThat(d.lookup("#send-compose")).as(COMPOSE + "'s Send in " + where).isInstanceOf(Button.class);
            assertFitsLaptop(d, where);
            if (byEscape) {
                escape(d);
            } else {
                cancel(d);
            }
            assertThat(dialogShowing()).as("no dialog left open after " + where).isFalse();
            problems.assertNone(where + (byEscape ? ", escaped" : ", cancelled"));
        }
        Exchange.Requests sent = primary.call(MessageType.ACM_LIST, new Exchange.AcmList(Exchange.Direction.OUTGOING, null, null));
        assertThat(sent.requests()).as("cancelled and escaped: nothing sent").isEmpty();
        assertLayout(stage.getScene().getRoot(), "the requests view after the compose dialogs");
    }

    @Test
    void noOtherRoleIsOfferedAComposeDialog() throws Exception {
        for (Role r : List.of(Role.OPERATOR, Role.VIEWER, Role.APPROVER)) {
            openLaptopWindow(primary.base(), r.name().toLowerCase(), PASSWORD, "requests");
            waitUntil("the requests view for " + r, () -> present("#outgoing-table"));
            assertThat(onFx(() -> lookup("#migration-menu", MenuButton.class).isVisible()))
                    .as(r + " is offered Migration ▾, the way to every " + COMPOSE).isFalse();
            assertThat(dialogShowing()).as(r + " sees no dialog").isFalse();
            problems.assertNone("the requests view as " + r);
            closeConsoles();
        }
    }
}
