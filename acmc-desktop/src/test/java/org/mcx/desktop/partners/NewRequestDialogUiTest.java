package org.mcx.desktop.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import org.junit.jupiter.api.Test;
import org.mcx.desktop.shell.ConsoleWindow;
import org.mcx.desktop.testing.TestBackend;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;

/**
 * The {@link NewRequestDialog} (step 1 of a server identity request) in a real window between two
 * real backends, at a laptop's 1024×700: an administrator opens it from New request and from the
 * view's "new …" (Ctrl+N), is offered the partner and the users who may migrate, and closes it with
 * Cancel and with Escape, sending nothing; no other role is offered it.
 */
class NewRequestDialogUiTest extends TwoSystemsUiTest {
    @Test
    @SuppressWarnings("unchecked")
    void anAdministratorOpensTheNewRequestDialogAndClosesItSendingNothing() throws Exception {
        ConsoleWindow w = openLaptopWindow(primary.base(), TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD, "requests");
        waitUntil("the requests view", () -> present("#new-request"));
        assertThat(onFx(() -> lookup("#new-request", Button.class).isVisible())).isTrue();

        Platform.runLater(() -> lookup("#new-request", Button.class).fire());
        DialogPane d = request("new request");
        ComboBox<Console.Partner> partner = (ComboBox<Console.Partner>) d.lookup("#request-partner");
        assertThat(onFx(() -> partner.getItems().stream().map(Console.Partner::systemId).toList())).containsExactly("mcx-b");
        assertThat(onFx(() -> partner.getValue().systemId())).as("the only partner, chosen").isEqualTo("mcx-b");
        ListView<Console.User> users = (ListView<Console.User>) d.lookup("#request-users");
        assertThat(onFx(() -> users.getItems().stream().map(Console.User::mcServiceId).toList()))
                .as("the users who may migrate").containsExactlyInAnyOrder("alice", "bob");
        assertThat(onFx(() -> d.lookup("#send-request").isDisabled())).as("no user chosen yet").isTrue();
        assertFitsLaptop(d, "the new request dialog as " + Role.ADMIN);
        cancel(d);
        problems.assertNone("the new request dialog, cancelled");

        Platform.runLater(() -> w.shell().current().create()); // what Ctrl+N does
        DialogPane again = request("new request by Ctrl+N");
        onFxRun(() -> ((ListView<Console.User>) again.lookup("#request-users")).getSelectionModel().select(0));
        waitUntil("Send is enabled", () -> !again.lookup("#send-request").isDisabled());
        assertFitsLaptop(again, "the new request dialog, a user chosen, as " + Role.ADMIN);
        // Escape from the users list, where the dialog puts the keyboard: a ListView takes Escape as "stop
        // editing" even when nothing is edited, and Dialogs turns it back into Cancel (it did not close before).
        waitUntil("the users list has the keyboard", () -> again.lookup("#request-users").isFocused());
        escape(again);
        assertThat(dialogShowing()).as("no dialog left open").isFalse();
        Exchange.Requests sent = primary.call(MessageType.ACM_LIST, new Exchange.AcmList(Exchange.Direction.OUTGOING, null, null));
        assertThat(sent.requests()).as("cancelled and escaped: nothing sent").isEmpty();
        assertLayout(stage.getScene().getRoot(), "the requests view after the new request dialog");
        problems.assertNone("the new request dialog, escaped");
    }

    @Test
    void noOtherRoleIsOfferedTheNewRequestDialog() throws Exception {
        for (Role r : List.of(Role.OPERATOR, Role.VIEWER, Role.APPROVER)) {
            ConsoleWindow w = openLaptopWindow(primary.base(), r.name().toLowerCase(), PASSWORD, "requests");
            waitUntil("the requests view for " + r, () -> present("#outgoing-table"));
            assertThat(onFx(() -> lookup("#new-request", Button.class).isVisible())).as(r + " is offered New request").isFalse();
            assertThat(onFx(() -> lookup("#migration-menu", MenuButton.class).isVisible())).as(r + " is offered Migration").isFalse();
            assertThat(onFx(() -> w.shell().current().create())).as(r + ": Ctrl+N opens no new request").isFalse();
            assertThat(dialogShowing()).as(r + " sees no dialog").isFalse();
            problems.assertNone("the requests view as " + r);
            closeConsoles();
        }
    }

    private static DialogPane request(String what) throws Exception {
        DialogPane d = dialog(what);
        assertThat(d.getId()).as("the NewRequestDialog's pane").isEqualTo(NewRequestDialog.PANE_ID);
        return d;
    }
}
