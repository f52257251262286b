package org.mcx.desktop.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.mcx.desktop.shell.ConsoleWindow;
import org.mcx.desktop.testing.Png;
import org.mcx.desktop.testing.TestBackend;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;

/**
 * "Ask a partner for its groups" and "Update membership of a partner group" in a real window,
 * between two real backends: only administrators are offered them; each names a bad field before
 * anything is sent, shows the backend's refusal with the dialog still open, then sends; the
 * partner approves and the request's detail shows the disclosed groups, or each user's outcome.
 */
class GroupRequestsUiTest extends TwoSystemsUiTest {
    @Override
    void seed() throws Exception {
        // On the partner: fire-east shared with us, levels disclosed; roads with every partner; police with nobody.
        partner.call(MessageType.USERS_SAVE, new Console.SaveUser("vera", "Vera Approver", List.of(Role.APPROVER), false, List.of(),
                false, "vera-password", null, "secret"));
        partner.call(MessageType.GROUPS_SAVE, new Console.Group("fire-east", "Fire East", List.of("vera"), List.of("mcx-a"), true));
        partner.call(MessageType.GROUPS_SAVE, new Console.Group("roads", "Roads", List.of("vera"), List.of("*"), false));
        partner.call(MessageType.GROUPS_SAVE, new Console.Group("police", "Police", List.of("vera"), List.of(), true));
    }

    private ConsoleWindow openAs(String user, String password) throws Exception {
        return openLaptopWindow(primary.base(), user, password, "requests");
    }

    @Test
    void onlyAdministratorsAreOfferedTheGroupDialogs() throws Exception {
        for (Role r : List.of(Role.OPERATOR, Role.VIEWER, Role.APPROVER)) {
            openAs(r.name().toLowerCase(), PASSWORD);
            waitUntil("the requests view for " + r, () -> present("#outgoing-table"));
            assertThat(onFx(() -> lookup("#migration-menu", MenuButton.class).isVisible())).as(r + " asks for groups").isFalse();
            problems.assertNone("the requests view as " + r);
            closeConsoles();
        }
        openAs(TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD);
        assertLayout(stage.getScene().getRoot(), "the requests toolbar with both menus at 1024");
        DialogPane ask = compose(0, "ask for groups");
        assertThat(ask.getId()).isEqualTo(AskGroupsDialog.PANE_ID);
        assertLayout(ask, "the ask for groups dialog");
        shot(ask, "dialog-ask-groups");
        cancel(ask);
        DialogPane update = compose(1, "update membership");
        assertThat(update.getId()).isEqualTo(MembershipDialog.PANE_ID);
        assertLayout(update, "the membership dialog");
        cancel(update);
        problems.assertNone("the group dialogs");
    }

    @Test
    @SuppressWarnings("unchecked")
    void askingForGroupsNamesABadIdShowsARefusalAndTheAnswerListsTheSharedGroups() throws Exception {
        openAs(TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD);
        DialogPane d = compose(0, "ask for groups");
        Button send = (Button) d.lookup("#send-compose");
        assertThat(onFx(send::isDisabled)).as("no id asks for every shared group").isFalse();
        onFxRun(() -> ((TextField) d.lookup("#ask-group-ids")).setText("roads, fire east"));
        waitUntil("the bad id is named", () -> text(d, "#form-problem").contains("group ids") && text(d, "#form-problem").contains("fire east"));
        assertThat(onFx(send::isDisabled)).isTrue();
        onFxRun(() -> ((TextField) d.lookup("#ask-group-ids")).setText(""));
        waitUntil("Send is enabled", () -> !send.isDisabled());

        // Another administrator removes the partner meanwhile: refused, the dialog stays and says why.
        primary.call(MessageType.PARTNERS_DELETE, new Console.DeletePartner("mcx-b"));
        onFxRun(send::fire);
        waitUntil("the refusal is shown", () -> text(d, "#compose-refusal").contains("mcx-b"));
        assertThat(dialogShowing()).isTrue();
        primary.pairWith(partner);
        onFxRun(send::fire);
        waitUntil("the dialog closes once the backend took it", () -> d.getScene() == null || !d.getScene().getWindow().isShowing());

        approveAtPartner(Acm.GROUPS_REQUEST);
        Exchange.Request answered = outboxShowsAnswer(Acm.GROUPS_REQUEST);
        assertThat(onFx(() -> present("#request-content"))).as("no table for 'every group'").isFalse();
        TableView<Acm.GroupInfo> groups = lookup("#request-result", TableView.class);
        assertThat(onFx(() -> groups.getItems().stream().map(Acm.GroupInfo::groupId).toList()))
                .as("police is not shared with us").containsExactlyInAnyOrder("fire-east", "roads");
        int fireEast = onFx(() -> groups.getItems().indexOf(groups.getItems().stream()
                .filter(g -> g.groupId().equals("fire-east")).findFirst().orElseThrow()));
        assertThat(onFx(() -> String.valueOf(groups.getColumns().get(2).getCellData(fireEast)))).isEqualTo("vera (secret)");
        assertThat(answered.response().result()).isInstanceOf(Acm.GroupList.class);
        assertThat(onFx(() -> lookup("#step-1", Label.class).getText())).isEqualTo("1. Administrator asks the partner for its groups");
        assertLayout(stage.getScene().getRoot(), "the outbox with the groups disclosed");
        shot(stage.getScene().getRoot(), "requests-groups-1024");
        problems.assertNone("asking for groups");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMembershipUpdateNamesBadFieldsShowsARefusalAndTheAnswerSaysWhatWasDonePerUser() throws Exception {
        // alice migrated to the partner first: only such users may join its groups.
        primary.call(MessageType.ACM_CREATE, new Exchange.AcmCreate("mcx-b", null, new Acm.UserMigration(List.of(
                new Acm.MigratingUser("alice", null, List.of(), null, null)))));
        approveAtPartner(Acm.USER_MIGRATION_ADD);
        waitUntilAsked("the migration is answered", () -> outgoing().stream().anyMatch(r -> r.kind().equals(Acm.USER_MIGRATION_ADD)
                && r.status() == Exchange.Status.RESPONSE_STORED));

        openAs(TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD);
        DialogPane d = compose(1, "update membership");
        Button send = (Button) d.lookup("#send-compose");
        ComboBox<String> group = (ComboBox<String>) d.lookup("#membership-group");
        ListView<Console.User> add = (ListView<Console.User>) d.lookup("#membership-add");
        ListView<Console.User> remove = (ListView<Console.User>) d.lookup("#membership-remove");
        assertThat(onFx(() -> add.getItems().stream().map(Console.User::mcServiceId).toList())).containsExactly("alice", "bob");
        onFxRun(() -> group.getEditor().setText("road works"));
        waitUntil("the bad group id is named", () -> text(d, "#form-problem").contains("the partner's group id"));
        onFxRun(() -> group.getEditor().setText("roads"));
        waitUntil("nobody chosen yet is said", () -> text(d, "#form-problem").contains("add to the group"));
        onFxRun(() -> {
            add.getSelectionModel().select(0);
            remove.getSelectionModel().select(0);
        });
        waitUntil("alice both added and removed is named", () -> text(d, "#form-problem").contains("alice is also in add"));
        assertThat(onFx(send::isDisabled)).isTrue();
        onFxRun(() -> remove.getSelectionModel().clearSelection());
        waitUntil("Send is enabled", () -> !send.isDisabled());
        shot(d, "dialog-membership-filled");

        // Another administrator forbids alice to migrate meanwhile: refused, the dialog stays and says why.
        primary.call(MessageType.USERS_SAVE, new Console.SaveUser("alice", "Alice Martin", List.of(), false, List.of(), false, null));
        onFxRun(send::fire);
        waitUntil("the refusal is shown", () -> text(d, "#compose-refusal").contains("alice"));
        assertThat(dialogShowing()).isTrue();
        primary.call(MessageType.USERS_SAVE, new Console.SaveUser("alice", "Alice Martin", List.of(), false, List.of(), true, null));
        onFxRun(send::fire);
        waitUntil("the dialog closes once the backend took it", () -> d.getScene() == null || !d.getScene().getWindow().isShowing());

        approveAtPartner(Acm.GROUP_MEMBERSHIP_UPDATE);
        outboxShowsAnswer(Acm.GROUP_MEMBERSHIP_UPDATE);
        TableView<?> changes = lookup("#request-content", TableView.class);
        assertThat(onFx(() -> changes.getColumns().get(1).getCellData(0))).isEqualTo("add");
        TableView<Acm.UserOutcome> outcomes = lookup("#request-result", TableView.class);
        assertThat(onFx(() -> List.copyOf(outcomes.getItems()))).containsExactly(new Acm.UserOutcome("alice", Acm.Outcome.ADDED, null));
        Console.Groups there = partner.call(MessageType.GROUPS_LIST, new Common.Empty());
        assertThat(there.groups()).filteredOn(g -> g.groupId().equals("roads")).flatExtracting(Console.Group::members)
                .contains("alice");
        assertLayout(stage.getScene().getRoot(), "the outbox with a membership update");
        shot(stage.getScene().getRoot(), "requests-membership-1024");
        problems.assertNone("updating a partner group's membership");
    }

    /** The partner's administrator (an approver too) approves the one request of {@code kind} waiting there. */
    private void approveAtPartner(String kind) throws Exception {
        waitUntilAsked("the partner holds the " + kind + " request", () -> pending(kind) != null);
        partner.call(MessageType.ACM_DECIDE, new Exchange.Decide(pending(kind).requestId(), Exchange.ApproverDecision.APPROVE, null));
    }

    private Exchange.Request pending(String kind) throws Exception {
        Exchange.Requests all = partner.call(MessageType.ACM_PENDING, new Common.Empty());
        return all.requests().stream().filter(r -> kind.equals(r.kind())).findFirst().orElse(null);
    }

    private List<Exchange.Request> outgoing() throws Exception {
        Exchange.Requests all = primary.call(MessageType.ACM_LIST, new Exchange.AcmList(Exchange.Direction.OUTGOING, null, null));
        return all.requests();
    }

    /** Opens the outbox, waits until the request of {@code kind} shows its answer and selects it. */
    @SuppressWarnings("unchecked")
    private Exchange.Request outboxShowsAnswer(String kind) throws Exception {
        onFxRun(() -> lookup(".tab-pane", TabPane.class).getSelectionModel().select(1));
        TableView<Exchange.Request> table = lookup("#outgoing-table", TableView.class);
        waitUntil("the " + kind + " request is answered in the outbox", () -> table.getItems().stream()
                .anyMatch(r -> kind.equals(r.kind()) && r.response() != null));
        onFxRun(() -> table.getSelectionModel().select(table.getItems().stream().filter(r -> kind.equals(r.kind())).findFirst()
                .orElseThrow()));
        waitUntil("its result is a table", () -> present("#request-result"));
        return onFx(() -> table.getSelectionModel().getSelectedItem());
    }

    private static String text(DialogPane d, String query) {
        String t = ((Label) d.lookup(query)).getText();
        return t == null ? "" : t;
    }

    /** Opens the group item {@code index} (0 ask, 1 update membership) of "Migration ▾" and waits for its dialog. */
    private DialogPane compose(int index, String what) throws Exception {
        String item = index == 0 ? "ask-groups" : "update-membership";
        waitUntil("the migration menu", () -> present("#migration-menu") && lookup("#migration-menu", MenuButton.class).isVisible());
        Platform.runLater(() -> lookup("#migration-menu", MenuButton.class).getItems().stream().filter(i -> item.equals(i.getId()))
                .findFirst().orElseThrow().fire());
        return dialog(what);
    }

    private static void shot(javafx.scene.Parent root, String name) throws Exception {
        Png.write(onFx(() -> Png.snapshot(root)), Path.of("target/screenshots", name + ".png"));
    }
}
