package org.mcx.desktop.groups;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.desktop.shell.ConsoleWindow;
import org.mcx.desktop.testing.FxTest;
import org.mcx.desktop.testing.Png;
import org.mcx.desktop.testing.Problems;
import org.mcx.desktop.testing.TestBackend;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/**
 * The Groups view in a real window on a real backend: an administrator adds a group (a bad id named
 * first), edits it and deletes it after confirming, and sees another administrator's group appear
 * by itself; every other role sees the groups, opens one read-only in full, and is offered nothing to change.
 */
class GroupsUiTest extends FxTest {
    private static final String PASSWORD = "console-password";

    @TempDir
    Path dir;
    TestBackend backend;
    Problems problems;

    @BeforeEach
    void start() throws Exception {
        backend = TestBackend.start(dir, "mcx-a");
        // A partner that is never reached: enough to share a group with it.
        backend.call(MessageType.PARTNERS_SAVE, new Console.SavePartner("mcx-b", "County B", "ws://127.0.0.1:9/acms",
                "pair-secret-0123456789", new Console.AutoApprove(false, 100)));
        backend.call(MessageType.USERS_SAVE, new Console.SaveUser("alice", "Alice Martin", List.of(), false, List.of(), true,
                "user-password"));
        backend.addRoleUsers(PASSWORD);
        problems = Problems.watch();
    }

    @AfterEach
    void stop() throws Exception {
        closeConsoles();
        if (problems != null) {
            problems.close();
        }
        backend.close();
    }

    private ConsoleWindow openAs(String user, String password) throws Exception {
        return openLaptopWindow(backend.base(), user, password, "groups");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAdministratorAddsEditsAndDeletesAGroup() throws Exception {
        ConsoleWindow w = openAs(TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD);
        TableView<Console.Group> table = lookup("#groups-table", TableView.class);
        Platform.runLater(() -> lookup("#new-group", Button.class).fire());
        DialogPane d = dialog("new group");
        assertThat(d.getId()).isEqualTo(GroupDialog.PANE_ID);
        Button save = (Button) d.lookup("#save-group");
        assertThat(onFx(save::isDisabled)).as("nothing typed yet").isTrue();
        onFxRun(() -> ((TextField) d.lookup("#group-id")).setText("fire east"));
        waitUntil("the bad id is named", () -> problem(d).contains("Group id"));
        onFxRun(() -> {
            ((TextField) d.lookup("#group-id")).setText("fire-east");
            ((TextField) d.lookup("#group-name")).setText("Fire East");
        });
        tick(d, "#group-members", "alice");
        onFxRun(() -> ((CheckBox) d.lookup("#group-every-partner")).setSelected(true));
        waitUntil("Create is enabled", () -> !save.isDisabled());
        assertLayout(d, "the new group dialog");
        shot(d, "dialog-group");
        press(d, "save-group");
        waitUntil("the group is listed, shared with all partners", () -> table.getItems().size() == 1
                && cell(table, 3, 0).equals("all partners") && cell(table, 2, 0).equals("1"));
        assertThat(group("fire-east")).isEqualTo(new Console.Group("fire-east", "Fire East", List.of("alice"), List.of("*"), false));

        onFxRun(() -> {
            table.getSelectionModel().select(0);
            table.requestFocus();
        });
        Platform.runLater(() -> lookup("#edit-group", Button.class).fire());
        DialogPane edit = dialog("edit fire-east");
        assertThat(onFx(() -> ((TextField) edit.lookup("#group-id")).isEditable())).as("an id is fixed once made").isFalse();
        onFxRun(() -> {
            ((TextField) edit.lookup("#group-name")).setText("Fire East Brigade");
            ((CheckBox) edit.lookup("#group-every-partner")).setSelected(false);
            ((CheckBox) edit.lookup("#group-disclose-levels")).setSelected(true);
        });
        tick(edit, "#group-shared-with", "mcx-b");
        press(edit, "save-group");
        waitUntil("the change is listed", () -> table.getItems().size() == 1 && table.getItems().get(0).name().equals("Fire East Brigade"));
        assertThat(group("fire-east")).isEqualTo(new Console.Group("fire-east", "Fire East Brigade", List.of("alice"),
                List.of("mcx-b"), true));
        assertThat(onFx(() -> cell(table, 3, 0))).contains("County B").doesNotContain("all partners");
        assertThat(onFx(() -> cell(table, 4, 0))).isEqualTo("disclosed");

        // Another administrator adds a group: it appears without a refresh (group.saved).
        backend.call(MessageType.GROUPS_SAVE, new Console.Group("roads", "Roads", List.of(), List.of(), false));
        waitUntil("the other administrator's group appears", () -> table.getItems().size() == 2);
        assertLayout(stage.getScene().getRoot(), "the groups view");
        shot(stage.getScene().getRoot(), "groups-1024");

        onFxRun(() -> table.getSelectionModel().select(table.getItems().stream().filter(g -> g.groupId().equals("fire-east"))
                .findFirst().orElseThrow()));
        Platform.runLater(() -> lookup("#delete-group", Button.class).fire());
        DialogPane no = dialog("delete fire-east, declined");
        cancel(no);
        assertThat(group("fire-east")).as("declined: nothing deleted").isNotNull();
        Platform.runLater(() -> lookup("#delete-group", Button.class).fire());
        press(dialog("delete fire-east"), "confirm");
        waitUntil("the group is gone", () -> table.getItems().size() == 1 && table.getItems().get(0).groupId().equals("roads"));
        assertThat(group("fire-east")).isNull();
        assertThat(onFx(w.shell().current()::create)).as("Ctrl+N opens a new group").isTrue();
        cancel(dialog("new group by Ctrl+N"));
        problems.assertNone("adding, editing and deleting groups");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOtherRoleSeesTheGroupsReadOnly() throws Exception {
        backend.call(MessageType.GROUPS_SAVE, new Console.Group("roads", "Roads", List.of("alice"), List.of("*"), true));
        for (Role r : List.of(Role.OPERATOR, Role.VIEWER, Role.APPROVER)) {
            ConsoleWindow w = openAs(r.name().toLowerCase(), PASSWORD);
            TableView<Console.Group> table = lookup("#groups-table", TableView.class);
            waitUntil("the group is listed for " + r, () -> table.getItems().size() == 1);
            for (String button : List.of("#new-group", "#edit-group", "#delete-group")) {
                assertThat(onFx(() -> lookup(button, Button.class).isVisible())).as(r + " is offered " + button).isFalse();
            }
            assertThat(onFx(w.shell().current()::create)).as(r + ": Ctrl+N does nothing").isFalse();
            onFxRun(() -> table.getSelectionModel().select(0));
            doubleClick(onFx(() -> (javafx.scene.Node) table.lookup(".table-row-cell")));
            DialogPane details = dialog("the group in full for " + r);
            assertThat(details.lookup("#save-group")).as(r + ": nothing to edit").isNull();
            assertThat(onFx(() -> details.lookupAll(".label").stream().map(n -> ((Label) n).getText()).toList())).contains("alice");
            assertLayout(details, "a group in full as " + r);
            cancel(details);
            assertLayout(stage.getScene().getRoot(), "groups as " + r);
            problems.assertNone("the groups view as " + r);
            closeConsoles();
        }
    }

    /** Ticks the check box of {@code id} in the check list {@code listQuery} of the dialog. */
    private static void tick(DialogPane d, String listQuery, String id) throws Exception {
        waitUntil(id + " is offered in " + listQuery, () -> checkBox(d, listQuery, id) != null);
        onFxRun(() -> checkBox(d, listQuery, id).fire());
    }

    private static CheckBox checkBox(DialogPane d, String listQuery, String id) {
        return d.lookup(listQuery).lookupAll(".list-cell").stream().map(n -> (ListCell<?>) n)
                .filter(c -> id.equals(c.getItem()) && c.getGraphic() instanceof CheckBox)
                .map(c -> (CheckBox) c.getGraphic()).findFirst().orElse(null);
    }

    private static String problem(DialogPane d) {
        String text = ((Label) d.lookup("#form-problem")).getText();
        return text == null ? "" : text;
    }

    private static String cell(TableView<Console.Group> table, int column, int row) {
        Object v = table.getColumns().get(column).getCellData(row);
        return v == null ? "" : v.toString();
    }

    private Console.Group group(String id) throws Exception {
        Console.Groups all = backend.call(MessageType.GROUPS_LIST, new Common.Empty());
        return all.groups().stream().filter(g -> g.groupId().equals(id)).findFirst().orElse(null);
    }

    private static void shot(javafx.scene.Parent root, String name) throws Exception {
        Png.write(onFx(() -> Png.snapshot(root)), Path.of("target/screenshots", name + ".png"));
    }
}
