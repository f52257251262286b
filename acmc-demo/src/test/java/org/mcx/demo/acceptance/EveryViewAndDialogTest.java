package org.mcx.demo.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mcx.demo.DemoOptions;
import org.mcx.desktop.common.Page;
import org.mcx.desktop.shell.ConsoleWindow;

/**
 * Every view and every dialog of the console, for each role, at 1024×700 and 1600×1000, light and
 * dark, reached from the keyboard: nothing cut short, nothing thrown, nothing logged as an error.
 * The administrator's pass also writes the screenshots of docs/screenshots.
 */
class EveryViewAndDialogTest extends AcceptanceBase {

    static Stream<Arguments> rolesAndLooks() {
        List<Arguments> all = new ArrayList<>();
        for (Look look : List.of(Look.SMALL_LIGHT, Look.LARGE_DARK, Look.SMALL_DARK, Look.LARGE_LIGHT)) {
            all.add(Arguments.of(DemoOptions.ADMIN, look));
        }
        for (String user : OPERATOR_VIEWER_APPROVER) {
            all.add(Arguments.of(user, Look.SMALL_LIGHT));
            all.add(Arguments.of(user, Look.LARGE_DARK));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("rolesAndLooks")
    void everyViewAndDialogOpensWithNothingCutShort(String user, Look look) throws Exception {
        ConsoleWindow w = openAs(user, false, stage);
        apply(look, stage);
        boolean docs = user.equals(DemoOptions.ADMIN) && !look.dark();
        for (Page page : onFx(w::pages)) {
            String where = user + " at " + look + ", view " + page.id();
            showByKey(w, page.id());
            waitUntil("the keyboard is in the view " + page.id() + " (focus on " + onFx(() -> String.valueOf(stage.getScene().getFocusOwner())) + ")",
                    () -> inside(stage.getScene().getFocusOwner(), w.shell().current().node()));
            assertLayout(root(stage), where);
            problems.assertNone("showing " + where);
            dialogsOf(w, page.id(), where, docs && look.width() == 1600);
            assertLayout(root(stage), where + ", a row chosen"); // the view again, now showing what was chosen
            if (docs || (user.equals(DemoOptions.ADMIN) && Set.of("overview", "profiles").contains(page.id()))) {
                idle();
                shot(root(stage), page.id() + look.suffix()); // after the dialogs: a row chosen, its detail shown
            }
        }
        DialogPane about = openDialog("#about", "about");
        assertLayout(about, user + " at " + look + ", About");
        cancel(about);
        problems.assertNone("the About dialog");
    }

    @org.junit.jupiter.api.Test
    void theConnectWindowFitsInLightAndDark() throws Exception {
        java.util.prefs.Preferences prefs = java.util.prefs.Preferences.userRoot().node("org/mcx/acmc-test/acceptance-connect");
        try {
            for (boolean dark : List.of(false, true)) {
                javafx.scene.Parent view = onFx(() -> {
                    new org.mcx.desktop.shell.ThemeSwitch(dark);
                    var vm = new org.mcx.desktop.connection.ConnectViewModel(consoles.tasks(), consoles.opener(),
                            new org.mcx.desktop.connection.ConnectionPrefs(prefs), i18n);
                    vm.serverProperty().set("wss://registry.example.org:8443");
                    var v = new org.mcx.desktop.connection.ConnectView(vm, i18n, s -> { }, java.util.Optional.of(() -> { }));
                    stage.setScene(new javafx.scene.Scene(v.node(), 520, 420));
                    stage.show();
                    return v.node();
                });
                assertLayout(view, "the connect window" + (dark ? ", dark" : ""));
                shot(view, dark ? "connect-dark" : "connect");
            }
        } finally {
            onFxRun(() -> new org.mcx.desktop.shell.ThemeSwitch(false));
            prefs.removeNode();
        }
    }

    /** Opens each dialog this view offers the user, checks it and closes it again. */
    private void dialogsOf(ConsoleWindow w, String pageId, String where, boolean shots) throws Exception {
        switch (pageId) {
            case "users" -> {
                check(is(newByKey("new user"), "UserDialog", "user-dialog"), where + ", New user", shots ? "dialog-user" : null);
                select("#users-table", 0);
                check(is(openDialog("#edit-user", "edit user"), "UserDialog", "user-dialog"), where + ", Edit user", null);
                check(openDialog("#delete-user", "delete user"), where + ", Delete user", null);
            }
            case "groups" -> { // issue 14: every role reads them, administrators edit
                if (w.context().session().may(org.mcx.protocol.wire.MessageType.GROUPS_SAVE)) {
                    check(is(newByKey("new group"), "GroupDialog", "group-dialog"), where + ", New group", shots ? "dialog-group" : null);
                    select("#groups-table", 0);
                    check(is(openDialog("#edit-group", "edit group"), "GroupDialog", "group-dialog"), where + ", Edit group", null);
                    check(openDialog("#delete-group", "delete group"), where + ", Delete group", null);
                } else {
                    assertThat(onFx(() -> lookup("#new-group", javafx.scene.control.Button.class).isVisible()))
                            .as(where + ": only administrators change groups").isFalse();
                    select("#groups-table", 0);
                    robot.push(KeyCode.ENTER);
                    check(dialog("group details"), where + ", a group in full", null);
                }
            }
            case "partners" -> {
                check(newByKey("new partner"), where + ", New partner", shots ? "dialog-partner" : null);
                select("#partners-table", 0);
                check(openDialog("#edit-partner", "edit partner"), where + ", Edit partner", null);
                check(openDialog("#delete-partner", "delete partner"), where + ", Delete partner", null);
            }
            case "nodes" -> {
                check(is(newByKey("new node"), "NodeDialog", "node-dialog"), where + ", New node", shots ? "dialog-node" : null);
                select("#nodes-table", 0);
                check(openDialog("#delete-node", "delete node"), where + ", Delete node", null);
            }
            case "applications" -> {
                if (w.context().session().may(org.mcx.protocol.wire.MessageType.APPLICATIONS_CREATE)) {
                    check(newByKey("new application"), where + ", New application", null);
                }
                if (w.context().session().may(org.mcx.protocol.wire.MessageType.APPLICATIONS_DECIDE)) {
                    waitUntil("the sample application's request", () -> !lookup("#pending-table", TableView.class).getItems().isEmpty());
                    select("#pending-table", 0);
                    check(is(openDialog("#approve", "approve"), "DecisionDialog", "decision-dialog"), where + ", Approve", shots ? "dialog-approve" : null);
                    check(is(openDialog("#deny", "deny"), "DecisionDialog", "decision-dialog"), where + ", Deny", null);
                }
            }
            case "requests" -> {
                if (w.context().session().may(org.mcx.protocol.wire.MessageType.SERVER_IDENTITY_CREATE)) {
                    check(is(newByKey("new request"), "NewRequestDialog", "new-request-dialog"), where + ", New request", shots ? "dialog-request" : null);
                }
                if (w.context().session().may(org.mcx.protocol.wire.MessageType.ACM_CREATE)) { // issue 14: users for migration
                    check(is(fromMenu("#migration-menu", 0, "send users"), "SendUsersDialog", "send-users-dialog"),
                            where + ", Send users for migration", shots ? "dialog-send-users" : null);
                    check(is(fromMenu("#migration-menu", 1, "remove users"), "RemoveUsersDialog", "remove-users-dialog"),
                            where + ", Remove users from migration", shots ? "dialog-remove-users" : null);
                    // index 2 is the separator between users and groups
                    check(is(fromMenu("#migration-menu", 3, "ask for groups"), "AskGroupsDialog", "ask-groups-dialog"),
                            where + ", Ask a partner for its groups", shots ? "dialog-ask-groups" : null);
                    check(is(fromMenu("#migration-menu", 4, "update membership"), "MembershipDialog", "membership-dialog"),
                            where + ", Update membership of a partner group", shots ? "dialog-membership" : null);
                } else {
                    assertThat(onFx(() -> lookup("#migration-menu", javafx.scene.control.MenuButton.class).isVisible()))
                            .as(where + ": only administrators send users for migration").isFalse();
                }
            }
            case "overview" -> {
                // The history replayed at log-in reaches the feed whole: nothing lost before the window listened.
                waitUntil("the feed holds the events from before the log-in", () -> w.notifications().feed().stream()
                        .anyMatch(i -> i.text().equals("Dispatch board asks to be authorized to act for alice"))
                        && w.notifications().feed().stream().anyMatch(i -> i.topic().equals("service.registered")));
            }
            case "services", "audit" -> {
                // A read-only row opens whole with Enter (or a double-click).
                String table = "#" + pageId + "-table";
                select(table, 0);
                robot.push(KeyCode.ENTER);
                check(dialog(pageId + " details"), where + ", details of a row", shots ? "dialog-" + pageId + "-details" : null);
            }
            case "profiles" -> {
                select("#profiles-table", 0);
                waitUntil("the editor shows the profile", () -> !lookup("#profile-capabilities", TextField.class).getText().isEmpty());
                if (w.context().session().may(org.mcx.protocol.wire.MessageType.PROFILES_SAVE)) {
                    String before = onFx(() -> lookup("#profile-capabilities", TextField.class).getText());
                    onFxRun(() -> lookup("#profile-capabilities", TextField.class).setText(before + ", extra"));
                    robot.push(KeyCode.CONTROL, KeyCode.S);
                    check(dialog("review"), where + ", Review the change", shots ? "dialog-review" : null);
                    onFxRun(() -> lookup("#profile-capabilities", TextField.class).setText(before));
                }
            }
            default -> {
            }
        }
    }

    private static boolean inside(javafx.scene.Node n, javafx.scene.Node page) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
            if (p == page) {
                return true;
            }
        }
        return false;
    }

    /** Ctrl+N: the view's "new …" dialog. */
    private DialogPane newByKey(String what) throws Exception {
        robot.push(KeyCode.CONTROL, KeyCode.N);
        return dialog(what);
    }

    /** From the keyboard: the button gets the focus (as Tab would give it), Space presses it. */
    private DialogPane openDialog(String buttonQuery, String what) throws Exception {
        onFxRun(() -> lookup(buttonQuery, javafx.scene.control.Button.class).requestFocus());
        robot.push(KeyCode.SPACE);
        return dialog(what);
    }

    /**
     * A menu button's item: the item is fired as the menu would (a popup menu's keyboard focus under
     * Monocle is not reliable enough to drive by keys); returns at once, since it opens a dialog that waits.
     */
    private DialogPane fromMenu(String menuQuery, int item, String what) throws Exception {
        waitUntil(menuQuery + " is shown", () -> present(menuQuery) && lookup(menuQuery, javafx.scene.control.MenuButton.class).isVisible());
        javafx.application.Platform.runLater(() -> lookup(menuQuery, javafx.scene.control.MenuButton.class).getItems().get(item).fire());
        return dialog(what);
    }

    private void select(String tableQuery, int row) throws Exception {
        waitUntil(tableQuery + " has rows", () -> lookup(tableQuery, TableView.class).getItems().size() > row);
        onFxRun(() -> {
            TableView<?> t = lookup(tableQuery, TableView.class);
            t.getSelectionModel().select(row);
            t.requestFocus();
        });
    }

    /**
     * The dialog that opened is the one expected, not merely some dialog: each dialog class marks
     * its pane with its {@code PANE_ID} (the classes stay package-private in their features).
     */
    private static DialogPane is(DialogPane d, String dialogClass, String paneId) {
        assertThat(d.getId()).as("the %s's pane", dialogClass).isEqualTo(paneId);
        return d;
    }

    private void check(DialogPane d, String where, String shot) throws Exception {
        assertLayout(d, where);
        if (shot != null) {
            shot(d, shot);
        }
        cancel(d);
        assertThat(dialogShowing()).as("no dialog left open after " + where).isFalse();
        problems.assertNone(where);
    }
}
