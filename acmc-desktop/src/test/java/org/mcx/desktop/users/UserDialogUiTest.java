package org.mcx.desktop.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.mcx.desktop.common.Page;
import org.mcx.desktop.shell.ConsoleWindow;
import org.mcx.desktop.testing.OneBackendUiTest;
import org.mcx.desktop.testing.TestBackend;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/**
 * The {@link UserDialog} in a real window on a real backend, at a laptop's 1024×700: an administrator
 * opens it to create a user, to edit another and to edit themselves, and closes it with Cancel or
 * Escape, changing nothing; every other role is not given the users view at all.
 */
class UserDialogUiTest extends OneBackendUiTest {
    @Override
    protected void seed(TestBackend backend) throws Exception {
        backend.call(MessageType.USERS_SAVE, new Console.SaveUser("alice", "Alice Martin", List.of(), false, List.of(), true,
                "user-password"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAdministratorOpensTheUserDialogToCreateAndToEditAndClosesItChangingNothing() throws Exception {
        List<Console.User> before = users();
        openLaptopWindow(backend.base(), TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD, "users");
        TableView<Console.User> table = lookup("#users-table", TableView.class);
        waitUntil("alice and the administrator are listed", () -> row(table, "alice") != null && row(table, TestBackend.ADMIN) != null);

        Platform.runLater(() -> lookup("#new-user", Button.class).fire());
        DialogPane created = dialog("new user");
        assertThat(created.getId()).as("the UserDialog's pane").isEqualTo(UserDialog.PANE_ID);
        assertThat(onFx(() -> ((TextField) created.lookup("#user-id")).isEditable())).as("a new user's id is typed").isTrue();
        assertThat(onFx(() -> created.lookup("#save-user").isDisabled())).as("nothing typed yet").isTrue();
        assertFitsLaptop(created, "the new user dialog as " + Role.ADMIN);
        cancel(created);
        problems.assertNone("the new user dialog, cancelled");

        DialogPane edit = edit(table, "alice");
        assertThat(edit.getId()).as("the UserDialog's pane").isEqualTo(UserDialog.PANE_ID);
        assertThat(onFx(() -> ((TextField) edit.lookup("#user-id")).isEditable())).as("an id is fixed once made").isFalse();
        assertThat(onFx(() -> ((TextField) edit.lookup("#user-name")).getText())).isEqualTo("Alice Martin");
        assertThat(edit.lookup("#user-self-note")).as("alice is not the one logged in").isNull();
        assertFitsLaptop(edit, "editing alice as " + Role.ADMIN);
        escape(edit);
        problems.assertNone("editing alice, closed with Escape");

        DialogPane self = edit(table, TestBackend.ADMIN);
        assertThat(self.getId()).as("the UserDialog's pane").isEqualTo(UserDialog.PANE_ID);
        assertThat(self.lookup("#user-self-note")).as("editing oneself is said to end this session on a new password").isNotNull();
        assertFitsLaptop(self, "editing oneself as " + Role.ADMIN);
        cancel(self);
        assertThat(dialogShowing()).as("no dialog left open").isFalse();
        assertThat(users()).as("cancelled and escaped: nothing saved").isEqualTo(before);
        assertLayout(stage.getScene().getRoot(), "the users view after its dialogs");
        problems.assertNone("editing oneself, cancelled");
    }

    @Test
    void noOtherRoleIsGivenTheUsersOrTheirDialog() throws Exception {
        for (Role r : List.of(Role.OPERATOR, Role.VIEWER, Role.APPROVER)) {
            ConsoleWindow w = openLaptopWindow(backend.base(), r.name().toLowerCase(), PASSWORD, "users");
            assertThat(onFx(() -> w.pages().stream().map(Page::id).toList())).as(r + "'s views").doesNotContain("users");
            assertThat(onFx(() -> present("#new-user") || present("#users-table"))).as(r + " is offered the users").isFalse();
            assertThat(dialogShowing()).as(r + " sees no dialog").isFalse();
            problems.assertNone("the console as " + r);
            closeConsoles();
        }
    }

    /** Selects the user {@code id} and presses Edit; returns the dialog that opens. */
    private DialogPane edit(TableView<Console.User> table, String id) throws Exception {
        onFxRun(() -> {
            table.getSelectionModel().select(row(table, id));
            table.requestFocus();
        });
        Platform.runLater(() -> lookup("#edit-user", Button.class).fire());
        return dialog("edit " + id);
    }

    private static Console.User row(TableView<Console.User> table, String id) {
        return table.getItems().stream().filter(u -> u.mcServiceId().equals(id)).findFirst().orElse(null);
    }

    private List<Console.User> users() throws Exception {
        Console.Users all = backend.call(MessageType.USERS_LIST, new Common.Empty());
        return all.users();
    }
}
