package org.mcx.desktop.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.mcx.desktop.shell.ConsoleWindow;
import org.mcx.desktop.testing.TestBackend;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;

/**
 * The partner requests view and the migration dialogs in a real window, between two real backends:
 * every role opens the view and what it offers with nothing thrown; the send dialog checks what is
 * typed, shows the backend's refusal and stays open, then sends; the partner's users show the
 * migrated user with their home system.
 */
class MigrationUiTest extends TwoSystemsUiTest {
    private ConsoleWindow openAs(TestBackend b, String user, String password) throws Exception {
        return openLaptopWindow(b.base(), user, password, "requests");
    }

    @Test
    void everyRoleOpensTheRequestsAndOnlyAdministratorsCompose() throws Exception {
        for (Role r : List.of(Role.OPERATOR, Role.VIEWER, Role.APPROVER)) {
            openAs(primary, r.name().toLowerCase(), PASSWORD);
            waitUntil("the requests view for " + r, () -> present("#outgoing-table"));
            assertThat(onFx(() -> lookup("#migration-menu", MenuButton.class).isVisible())).as(r + " composes").isFalse();
            assertThat(onFx(() -> lookup("#new-request", Button.class).isVisible())).as(r + " asks").isFalse();
            assertLayout(stage.getScene().getRoot(), "requests as " + r);
            problems.assertNone("the requests view as " + r);
            closeConsoles();
        }
        openAs(primary, TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD);
        DialogPane send = compose(0, "send users");
        assertThat(send.getId()).isEqualTo(SendUsersDialog.PANE_ID);
        assertLayout(send, "the send users dialog");
        cancel(send);
        DialogPane remove = compose(1, "remove users");
        assertThat(remove.getId()).isEqualTo(RemoveUsersDialog.PANE_ID);
        assertLayout(remove, "the remove users dialog");
        cancel(remove);
        problems.assertNone("the migration dialogs");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSendDialogChecksShowsARefusalAndSends() throws Exception {
        ConsoleWindow w = openAs(primary, TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD);
        DialogPane d = compose(0, "send users");
        Button sendButton = (Button) d.lookup("#send-compose");
        assertThat(onFx(sendButton::isDisabled)).as("nothing chosen yet").isTrue();
        ListView<Console.User> users = (ListView<Console.User>) d.lookup("#migration-users");
        assertThat(onFx(() -> users.getItems().stream().map(Console.User::mcServiceId).toList()))
                .as("only users of this system who may migrate").containsExactly("alice", "bob");
        onFxRun(() -> users.getSelectionModel().select(0));
        waitUntil("a groups field for alice", () -> d.lookup("#groups-alice") != null);
        onFxRun(() -> ((TextField) d.lookup("#groups-alice")).setText("fire east"));
        waitUntil("a bad group is named", () -> ((Label) d.lookup("#form-problem")).getText() != null
                && ((Label) d.lookup("#form-problem")).getText().contains("fire east"));
        assertThat(onFx(sendButton::isDisabled)).isTrue();
        onFxRun(() -> ((TextField) d.lookup("#groups-alice")).setText("fire-east"));
        waitUntil("Send is enabled", () -> !sendButton.isDisabled());
        shot(d, "dialog-send-users-filled");

        // Another administrator forbids alice to migrate meanwhile: the backend refuses, the dialog stays and says why.
        primary.call(MessageType.USERS_SAVE, new Console.SaveUser("alice", "Alice Martin", List.of(), false, List.of(), false, null));
        onFxRun(sendButton::fire);
        waitUntil("the refusal is shown", () -> ((Label) d.lookup("#compose-refusal")).getText() != null
                && ((Label) d.lookup("#compose-refusal")).getText().contains("alice"));
        assertThat(dialogShowing()).isTrue();

        primary.call(MessageType.USERS_SAVE, new Console.SaveUser("alice", "Alice Martin", List.of(), false, List.of(), true, null));
        onFxRun(() -> ((javafx.scene.control.CheckBox) d.lookup("#compose-urgent")).setSelected(true));
        onFxRun(sendButton::fire);
        waitUntil("the dialog closes once the backend took it", () -> d.getScene() == null || !d.getScene().getWindow().isShowing());
        onFxRun(() -> ((javafx.scene.control.TabPane) w.shell().current().node().lookup(".tab-pane")).getSelectionModel().select(1));
        TableView<Exchange.Request> outgoing = lookup("#outgoing-table", TableView.class);
        waitUntil("the request is listed, urgent", () -> outgoing.getItems().size() == 1
                && RequestKinds.urgent(outgoing.getItems().get(0)));
        onFxRun(() -> outgoing.getSelectionModel().select(0));
        waitUntil("its content is a table", () -> present("#request-content"));
        assertThat(onFx(() -> lookup("#request-kind", Label.class).getText())).contains("Users sent for migration").contains("urgent");
        assertLayout(stage.getScene().getRoot(), "the outbox with a migration");
        shot(stage.getScene().getRoot(), "requests-migration-1024");
        problems.assertNone("sending users for migration");
    }

    @Test
    void theUsersOfThePartnerShowWhoMigratedAndFromWhere() throws Exception {
        Exchange.Created sent = primary.call(MessageType.ACM_CREATE, new Exchange.AcmCreate("mcx-b", Acm.Urgency.NORMAL,
                new Acm.UserMigration(List.of(new Acm.MigratingUser("alice", null, List.of(), null, null)))));
        waitUntilAsked("the partner holds the request", () -> partner.<Exchange.Requests>call(MessageType.ACM_PENDING,
                new org.mcx.protocol.message.Common.Empty()).requests().size() == 1);
        // The partner's administrator (an approver too) sees what would be created, and approves it.
        ConsoleWindow w = openAs(partner, TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD);
        @SuppressWarnings("unchecked")
        TableView<Exchange.Request> inbox = lookup("#incoming-table", TableView.class);
        waitUntil("the request waits in the inbox", () -> inbox.getItems().size() == 1
                && inbox.getItems().get(0).status() == Exchange.Status.PENDING_APPROVAL);
        onFxRun(() -> inbox.getSelectionModel().select(0));
        waitUntil("its users as a table", () -> present("#request-content"));
        assertLayout(stage.getScene().getRoot(), "the inbox with a migration");
        shot(stage.getScene().getRoot(), "requests-inbox-migration-1024");
        onFxRun(() -> lookup("#approve-request", Button.class).fire());
        waitUntil("approved and answered per user", () -> inbox.getItems().size() == 1
                && inbox.getItems().get(0).status() != Exchange.Status.PENDING_APPROVAL && present("#request-result"));
        assertThat(sent.requestId()).isEqualTo(onFx(() -> inbox.getItems().get(0).requestId()));
        onFxRun(() -> w.shell().show("users"));
        @SuppressWarnings("unchecked")
        TableView<Console.User> users = lookup("#users-table", TableView.class);
        waitUntil("alice is listed as migrated", () -> users.getItems().stream().anyMatch(u -> "mcx-a".equals(u.homeSystemId())));
        assertThat(onFx(() -> users.getColumns().stream().map(c -> c.getText()).toList())).contains("Home system", "Security level");
        shot(stage.getScene().getRoot(), "users-migrated-1024");
        onFxRun(() -> {
            users.getSelectionModel().select(users.getItems().stream().filter(u -> u.mcServiceId().equals("alice")).findFirst().orElseThrow());
            users.requestFocus();
        });
        Platform.runLater(() -> lookup("#edit-user", Button.class).fire());
        DialogPane edit = dialog("edit alice");
        assertThat(onFx(() -> ((Label) edit.lookup("#user-migrated-note")).getText())).contains("Migrated from").contains("mcx-a");
        assertLayout(edit, "a migrated user's dialog");
        shot(edit, "dialog-migrated-user");
        cancel(edit);
        problems.assertNone("a migrated user");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRequestStillInTheOutboxIsCancelledOnlyOnceConfirmed() throws Exception {
        partner.stop(); // offline: what is sent stays in this system's outbox
        openAs(primary, TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD);
        DialogPane d = compose(0, "send users");
        onFxRun(() -> ((ListView<Console.User>) d.lookup("#migration-users")).getSelectionModel().select(0));
        waitUntil("Send is enabled", () -> !d.lookup("#send-compose").isDisabled());
        onFxRun(() -> ((Button) d.lookup("#send-compose")).fire());
        waitUntil("the dialog closes once the backend took it", () -> d.getScene() == null || !d.getScene().getWindow().isShowing());
        onFxRun(() -> lookup(".tab-pane", javafx.scene.control.TabPane.class).getSelectionModel().select(1));
        TableView<Exchange.Request> outgoing = lookup("#outgoing-table", TableView.class);
        waitUntil("the request waits in the outbox", () -> outgoing.getItems().size() == 1
                && outgoing.getItems().get(0).status() == Exchange.Status.FORWARDED);
        onFxRun(() -> outgoing.getSelectionModel().select(0));
        Button cancel = lookup("#cancel-request", Button.class);
        waitUntil("Cancel is offered", cancel::isVisible);

        // Declined: nothing changes, here or in the backend.
        Platform.runLater(cancel::fire);
        DialogPane declined = dialog("cancel, declined");
        assertThat(declined.getHeaderText()).contains("Users sent for migration").contains("mcx-b");
        cancel(declined);
        assertThat(outboxStatus()).isEqualTo(Exchange.Status.FORWARDED);
        assertThat(onFx(() -> outgoing.getItems().get(0).status())).isEqualTo(Exchange.Status.FORWARDED);
        assertThat(onFx(cancel::isVisible)).isTrue();

        // Confirmed: cancelled in the backend, and the outbox says so.
        Platform.runLater(cancel::fire);
        press(dialog("cancel, confirmed"), "confirm");
        waitUntil("the outbox shows it cancelled", () -> outgoing.getItems().size() == 1
                && outgoing.getItems().get(0).status() == Exchange.Status.CANCELLED);
        assertThat(outboxStatus()).isEqualTo(Exchange.Status.CANCELLED);
        waitUntil("Cancel is no longer offered", () -> !cancel.isVisible());
        assertThat(onFx(() -> lookup("#requests-message", Label.class).getText())).contains("cancelled");
        assertThat(onFx(() -> lookup("#request-head", Label.class).getText())).contains("cancelled");
        problems.assertNone("cancelling a request");
    }

    private Exchange.Status outboxStatus() throws Exception {
        Exchange.Requests all = primary.call(MessageType.ACM_LIST, new Exchange.AcmList(Exchange.Direction.OUTGOING, null, null));
        assertThat(all.requests()).hasSize(1);
        return all.requests().get(0).status();
    }

    /** What a person sees, for a look after the run: target/screenshots. */
    private static void shot(javafx.scene.Parent root, String name) throws Exception {
        org.mcx.desktop.testing.Png.write(onFx(() -> org.mcx.desktop.testing.Png.snapshot(root)),
                Path.of("target/screenshots", name + ".png"));
    }

    /** Opens "Migration ▾"'s item {@code index} (0 send, 1 remove) and waits for its dialog. */
    private DialogPane compose(int index, String what) throws Exception {
        waitUntil("the migration menu", () -> present("#migration-menu") && lookup("#migration-menu", MenuButton.class).isVisible());
        Platform.runLater(() -> lookup("#migration-menu", MenuButton.class).getItems().get(index).fire());
        return dialog(what);
    }
}
