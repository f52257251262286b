package org.mcx.demo.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.mcx.demo.DemoLauncher;
import org.mcx.demo.DemoOptions;
import org.mcx.desktop.applications.PendingRow;
import org.mcx.desktop.common.FeedItem;
import org.mcx.desktop.profiles.ProfileDiff;
import org.mcx.desktop.profiles.ProfileRow;
import org.mcx.desktop.shell.ConsoleWindow;
import org.mcx.example.ExampleEvent;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceInterfaceDescription;
import org.mcx.protocol.wire.MessageType;

/**
 * Both seeds' flows end to end in demo mode, as one person walks them at 1024×700 (screenshots also
 * at 1600×1000): TS 23.280's — approve the sample application's authorization with a comment, edit
 * its profile while another administrator saves first, leave a profile with unsaved edits — and
 * TR 23.700-38's — ask the partner, approve there as its approver, collect the answer here and read
 * its 18 steps. The guide ticks each step off.
 */
class DemoWalkthroughTest extends AcceptanceBase {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-");
    private final List<Long> notifiedVersions = new CopyOnWriteArrayList<>();

    @Test
    void bothSeedsFlowsWalkedEndToEnd() throws Exception {
        demo.onExampleEvent(e -> {
            if (e instanceof ExampleEvent.ProfileChanged c) {
                notifiedVersions.add(c.version());
            }
        });
        DemoLauncher launcher = new DemoLauncher(consoles, () -> {
            throw new IllegalStateException("the demo runs already");
        }, false);
        ConsoleWindow primary = onFx(() -> launcher.start(stage, demo)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        apply(Look.SMALL_LIGHT, stage);
        waitUntil("the guide folds away in a small window", () -> !lookup("#try-this-toggle", javafx.scene.control.ToggleButton.class).isSelected());
        assertLayout(root(stage), "the demo at 1024×700");

        approveTheSampleApplication(primary);
        editTheProfileWhileAnotherAdministratorSaves(primary);
        unsavedEditsAreNotDroppedSilently(primary);
        exchangeServerIdentitiesWithThePartner(primary, launcher);
        migrateAUserToThePartner(primary);
        askForGroupsAndUpdateMembership(primary);
        bringTheUserHome(primary);

        assertThat(onFx(() -> primary.notifications().feed().stream().map(FeedItem::text).toList()))
                .as("the feed names applications and never shows request UUIDs")
                .noneMatch(t -> UUID.matcher(t).find()).noneMatch(t -> t.contains("asks to be authorized") && t.contains("app-"));
        assertThat(onFx(() -> primary.notifications().feed().stream().map(FeedItem::seq).distinct().count()))
                .as("no event twice in the feed").isEqualTo(onFx(() -> (long) primary.notifications().feed().size()));
    }

    private void approveTheSampleApplication(ConsoleWindow w) throws Exception {
        showByKey(w, "applications");
        TableView<PendingRow> pending = table("#pending-table");
        waitUntil("the sample application's request", () -> pending.getItems().size() == 1);
        onFxRun(() -> pending.getSelectionModel().select(0));
        assertThat(onFx(() -> lookup("#pending-detail", Label.class).getText()))
                .contains(DemoOptions.SAMPLE_APPLICATION).contains(DemoOptions.SAMPLE_USER).contains("GM CSC-2").contains("MCPTT MCPTT-1");
        onFxRun(pending::requestFocus);
        robot.push(KeyCode.ENTER); // Enter on the request opens the decision
        DialogPane decide = dialog("approve");
        assertLayout(decide, "the approval dialog at 1024×700");
        assertThat(onFx(decide::getHeaderText)).contains(DemoOptions.SAMPLE_APPLICATION).contains(DemoOptions.SAMPLE_USER);
        onFxRun(() -> ((TextArea) decide.lookup("#decision-comment")).setText("approved for the county exercise"));
        press(decide, "confirm-decision");
        waitUntil("the application has its two profiles", () -> demo.example().profiles().size() == 2);
        waitUntil("the request left the inbox", () -> pending.getItems().isEmpty());
        assertThat(onFx(() -> lookup("#applications-message", Label.class).getText())).contains("Approved");
        waitUntil("the guide ticks step 1", () -> stepDone(1));
        problems.assertNone("approving the authorization");

        showByKey(w, "audit");
        TableView<Console.AuditEntry> audit = table("#audit-table");
        waitUntil("the decision with its comment in the audit log", () -> audit.getItems().stream()
                .anyMatch(e -> e.action().equals("applications.decide") && String.valueOf(e.detail()).contains("county exercise")));
    }

    @SuppressWarnings("unchecked")
    private void editTheProfileWhileAnotherAdministratorSaves(ConsoleWindow w) throws Exception {
        showByKey(w, "profiles");
        TableView<ProfileRow> rows = table("#profiles-table");
        waitUntil("the sample application's profiles, by name", () -> rows.getItems().stream()
                .filter(r -> r.application().equals(DemoOptions.SAMPLE_APPLICATION)).count() == 2);
        ProfileRow gm = onFx(() -> rows.getItems().stream().filter(r -> r.application().equals(DemoOptions.SAMPLE_APPLICATION)
                && r.service().equals("GM CSC-2")).findFirst().orElseThrow());
        onFxRun(() -> rows.getSelectionModel().select(gm));
        waitUntil("the editor shows it", () -> editedVersion() == gm.version());
        long v = gm.version();

        // Another administrator saves while this form is untouched: the form simply shows their version.
        ApplicationProfile stored = storedProfile(gm.id());
        saveElsewhere(stored, List.of("HTTP", "HTTPS"), stored.serviceInterfaceDescription().messages());
        waitUntil("the untouched form shows version " + (v + 1), () -> editedVersion() == v + 1);
        assertThat(onFx(() -> field("#profile-protocols").getText())).isEqualTo("HTTP, HTTPS");
        assertThat(onFx(() -> lookup("#profile-status", Label.class).getText())).contains("the form shows it");

        // Now with edits: their save is flagged at once, before any save is tried, and the edits stay.
        String mine = onFx(() -> field("#profile-capabilities").getText()) + ", calls";
        onFxRun(() -> field("#profile-capabilities").setText(mine.startsWith(",") ? "calls" : mine));
        String myCapabilities = onFx(() -> field("#profile-capabilities").getText());
        saveElsewhere(storedProfile(gm.id()), List.of("HTTP", "HTTPS"), List.of("GET /groups", "GET /groups/{id}"));
        waitUntil("the conflict panel shows their version", () -> lookup("#conflict-panel", VBox.class).isVisible());
        assertThat(onFx(() -> lookup("#save-profile", Button.class).isDisabled())).isTrue();
        assertThat(onFx(() -> field("#profile-capabilities").getText())).isEqualTo(myCapabilities);
        assertLayout(root(stage), "the conflict panel at 1024×700");
        shot(root(stage), "profiles-conflict-1024");

        onFxRun(() -> lookup("#reapply", Button.class).fire());
        waitUntil("the edits sit on their version", () -> !lookup("#conflict-panel", VBox.class).isVisible());
        assertThat(onFx(() -> editedVersion())).isEqualTo(v + 2);
        assertThat(onFx(() -> lookup("#profile-messages", TextArea.class).getText())).contains("GET /groups/{id}");

        robot.push(KeyCode.CONTROL, KeyCode.S);
        DialogPane review = dialog("review");
        TableView<ProfileDiff.Change> diff = (TableView<ProfileDiff.Change>) review.lookup("#diff-table");
        assertThat(onFx(() -> diff.getItems().stream().map(ProfileDiff.Change::field).toList()))
                .as("the review compares with the version now stored, not the one editing began from").containsExactly("capabilities");
        assertLayout(review, "the review dialog");
        robot.push(KeyCode.CONTROL, KeyCode.S); // Ctrl+S in the review dialog saves
        waitUntil("saved as version " + (v + 3), () -> editedVersion() == v + 3);
        waitUntil("the history shows the new version at once", () -> {
            ListView<String> history = lookup("#profile-history", ListView.class);
            return !history.getItems().isEmpty() && history.getItems().get(0).startsWith("v" + (v + 3))
                    && history.getItems().get(0).contains("Capabilities");
        });
        assertThat(onFx(() -> lookup("#profile-history", ListView.class).getItems().size())).isGreaterThanOrEqualTo(4);
        waitUntil("the sample application was notified of version " + (v + 3), () -> notifiedVersions.contains(v + 3));
        waitUntil("the guide ticks step 2", () -> stepDone(2));
        problems.assertNone("editing the profile");
    }

    private void unsavedEditsAreNotDroppedSilently(ConsoleWindow w) throws Exception {
        TableView<ProfileRow> rows = table("#profiles-table");
        String editedId = onFx(() -> rows.getSelectionModel().getSelectedItem().id());
        onFxRun(() -> field("#profile-capabilities").setText("groups, unsaved"));
        int other = onFx(() -> rows.getItems().indexOf(rows.getItems().stream().filter(r -> !r.id().equals(editedId)).findFirst().orElseThrow()));
        javafx.application.Platform.runLater(() -> rows.getSelectionModel().select(other)); // it asks, in a dialog of its own
        DialogPane ask = dialog("discard unsaved changes?");
        assertLayout(ask, "the discard question");
        cancel(ask);
        waitUntil("the edited profile is selected again", () -> rows.getSelectionModel().getSelectedItem().id().equals(editedId));
        assertThat(onFx(() -> field("#profile-capabilities").getText())).isEqualTo("groups, unsaved");

        javafx.application.Platform.runLater(() -> rows.getSelectionModel().select(other));
        press(dialog("discard unsaved changes?"), "confirm");
        waitUntil("the other profile is shown", () -> !editedId.equals(w.context() == null ? null : editedProfileId()));
        problems.assertNone("leaving a profile with unsaved edits");
    }

    @SuppressWarnings("unchecked")
    private void exchangeServerIdentitiesWithThePartner(ConsoleWindow primary, DemoLauncher launcher) throws Exception {
        showByKey(primary, "requests");
        Parent primaryRequests = onFx(() -> (Parent) primary.shell().current().node());
        robot.clickOn("#new-request");
        DialogPane ask = dialog("new request");
        ComboBox<Console.Partner> partner = (ComboBox<Console.Partner>) ask.lookup("#request-partner");
        assertThat(onFx(() -> partner.getConverter().toString(partner.getValue()))).contains("Neighbouring county").contains("mcx-b");
        ListView<Console.User> users = (ListView<Console.User>) ask.lookup("#request-users");
        onFxRun(() -> {
            users.getSelectionModel().clearSelection();
            for (int i = 0; i < users.getItems().size(); i++) {
                if (List.of(DemoOptions.SAMPLE_USER, "bob").contains(users.getItems().get(i).mcServiceId())) {
                    users.getSelectionModel().select(i);
                }
            }
        });
        assertLayout(ask, "the new request dialog");
        press(ask, "send-request");
        onFxRun(() -> ((TabPane) primaryRequests.lookup(".tab-pane")).getSelectionModel().select(1));
        TableView<Exchange.Request> outgoing = (TableView<Exchange.Request>) primaryRequests.lookup("#outgoing-table");
        waitUntil("the partner stored the request", () -> outgoing.getItems().size() == 1
                && outgoing.getItems().get(0).status() == Exchange.Status.STORED_AT_PARTNER);
        onFxRun(() -> outgoing.getSelectionModel().select(0));
        assertThat(stepDetail(primaryRequests, 4)).startsWith("done at the other system");
        assertThat(stepDetail(primaryRequests, 5)).startsWith("done");
        assertThat(stepDetail(primaryRequests, 11)).startsWith("at the other system");
        assertThat(onFx(() -> ((Label) primaryRequests.lookup("#request-head")).getText())).contains("stored at the partner")
                .doesNotContain("STORED_AT_PARTNER");
        waitUntil("the guide ticks step 3", () -> stepDone(3));

        // The partner's approver, in the second window (the demo's shortcut).
        onFxRun(() -> stage.requestFocus());
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P);
        waitUntil("the partner's console opens", () -> consoles.windows().size() == 2);
        ConsoleWindow partnerWindow = onFx(() -> consoles.windows().get(1));
        Stage second = onFx(() -> (Stage) partnerWindow.shell().current().node().getScene().getWindow());
        apply(Look.SMALL_LIGHT, second);
        assertThat(partnerWindow.context().session().user().mcServiceId()).isEqualTo(DemoOptions.APPROVER);
        onFxRun(() -> partnerWindow.shell().show("overview"));
        idle();
        waitUntil("the approver's overview knows the link is up", () -> ((Label) second.getScene().getRoot().lookup("#partner-links")).getText()
                .contains("link up"));
        onFxRun(() -> partnerWindow.shell().show("requests"));
        idle();
        Parent inboxPage = onFx(() -> (Parent) partnerWindow.shell().current().node());
        TableView<Exchange.Request> inbox = (TableView<Exchange.Request>) inboxPage.lookup("#incoming-table");
        waitUntil("the request waits in the approver's inbox", () -> inbox.getItems().size() == 1
                && inbox.getItems().get(0).status() == Exchange.Status.PENDING_APPROVAL);
        onFxRun(() -> inbox.getSelectionModel().select(0));
        waitUntil("the approver's console read it (steps 9-10)", () -> inbox.getItems().get(0).steps().stream()
                .anyMatch(s -> s.step() == 10));
        onFxRun(() -> inbox.getSelectionModel().select(0));
        assertThat(onFx(() -> ((Label) inboxPage.lookup("#request-head")).getText())).contains(DemoOptions.PRIMARY_ID);
        assertLayout(root(second), "the approver's inbox at 1024×700");
        shot(root(second), "partner-console-approver-1024");
        onFxRun(() -> ((TextArea) inboxPage.lookup("#request-comment")).setText("welcome to county B"));
        onFxRun(() -> ((Button) inboxPage.lookup("#approve-request")).fire());
        waitUntil("the partner answered", () -> inbox.getItems().size() == 1 && inbox.getItems().get(0).status() != Exchange.Status.PENDING_APPROVAL);
        onFxRun(() -> inbox.getSelectionModel().select(0));
        assertThat(stepDetail(inboxPage, 11)).startsWith("done").contains(DemoOptions.APPROVER);
        assertThat(stepDetail(inboxPage, 6)).startsWith("not needed");
        problems.assertNone("approving at the partner");

        // Back at the primary: the answer arrived; the administrator collects it (steps 17-18).
        waitUntil("the answer is back at the primary", () -> outgoing.getItems().size() == 1
                && outgoing.getItems().get(0).status() == Exchange.Status.RESPONSE_STORED);
        onFxRun(() -> outgoing.getSelectionModel().select(0));
        assertThat(stepDetail(primaryRequests, 17)).startsWith("waiting here");
        assertThat(stepDetail(primaryRequests, 6)).startsWith("not needed");
        assertThat(stepDetail(primaryRequests, 11)).startsWith("done at the other system").contains(DemoOptions.APPROVER);
        assertThat(stepDetail(primaryRequests, 16)).startsWith("done");
        waitUntil("the guide ticks step 4", () -> stepDone(4));
        onFxRun(() -> ((Button) primaryRequests.lookup("#collect-answers")).fire());
        waitUntil("the answer is collected", () -> outgoing.getItems().size() == 1
                && outgoing.getItems().get(0).status() == Exchange.Status.DELIVERED);
        onFxRun(() -> outgoing.getSelectionModel().select(0));
        assertThat(onFx(() -> ((Label) primaryRequests.lookup("#requests-message")).getText())).contains("Collected 1 answer")
                .contains("Neighbouring county");
        for (int step : List.of(1, 2, 3, 5, 14, 15, 16, 17, 18)) {
            assertThat(stepDetail(primaryRequests, step)).as("step " + step).startsWith("done");
        }
        for (int step : List.of(4, 7, 8, 9, 10, 11, 12, 13)) {
            assertThat(stepDetail(primaryRequests, step)).as("step " + step).startsWith("done at the other system");
        }
        assertThat(onFx(() -> ((Label) primaryRequests.lookup("#request-answer")).getText())).contains("approved")
                .contains("welcome to county B");
        Node alice = onFx(() -> primaryRequests.lookup("#identities-" + DemoOptions.SAMPLE_USER));
        assertThat(onFx(() -> ((Parent) alice).getChildrenUnmodifiable().stream().filter(n -> n instanceof Label)
                .map(n -> ((Label) n).getText()).toList())).contains("sip:mcptt-fire@county-b.example", "https://kms.county-b.example/km");
        waitUntil("the guide ticks step 5", () -> stepDone(5));
        assertLayout(root(stage), "the timeline at 1024×700");
        shot(root(stage), "partner-requests-1024");
        apply(Look.LARGE_LIGHT, stage);
        onFxRun(() -> outgoing.getSelectionModel().select(0));
        assertLayout(root(stage), "the timeline at 1600×1000");
        shot(root(stage), "partner-requests");
        apply(Look.LARGE_LIGHT, second);
        onFxRun(() -> inbox.getSelectionModel().select(0));
        shot(root(second), "partner-console-approver");
        problems.assertNone("collecting the answer");
    }

    /**
     * The guide's steps 6-7 (issue 14): alice sent for migration naming the partner's shared group,
     * approved there by its approver, who then sees her in the group; the answer here says "created".
     */
    @SuppressWarnings("unchecked")
    private void migrateAUserToThePartner(ConsoleWindow primary) throws Exception {
        showByKey(primary, "requests");
        Parent primaryRequests = onFx(() -> (Parent) primary.shell().current().node());
        javafx.application.Platform.runLater(() -> ((javafx.scene.control.MenuButton) primaryRequests.lookup("#migration-menu"))
                .getItems().get(0).fire());
        DialogPane send = dialog("send users for migration");
        ListView<Console.User> users = (ListView<Console.User>) send.lookup("#migration-users");
        onFxRun(() -> users.getSelectionModel().select(users.getItems().stream()
                .filter(u -> u.mcServiceId().equals(DemoOptions.SAMPLE_USER)).findFirst().orElseThrow()));
        waitUntil("a groups field for alice", () -> send.lookup("#groups-" + DemoOptions.SAMPLE_USER) != null);
        onFxRun(() -> ((TextField) send.lookup("#groups-" + DemoOptions.SAMPLE_USER)).setText("fire-east"));
        press(send, "send-compose");
        waitUntil("the guide ticks step 6", () -> stepDone(6));

        ConsoleWindow partnerWindow = approveInThePartnersConsole("userMigration.add");
        onFxRun(() -> partnerWindow.shell().show("groups"));
        idle();
        Parent groupsPage = onFx(() -> (Parent) partnerWindow.shell().current().node());
        TableView<Console.Group> groups = (TableView<Console.Group>) groupsPage.lookup("#groups-table");
        waitUntil("alice joined the partner's fire-east", () -> groups.getItems().stream()
                .anyMatch(g -> g.groupId().equals("fire-east") && g.members().contains(DemoOptions.SAMPLE_USER)));

        waitUntil("the guide ticks step 7", () -> stepDone(7));
        TableView<org.mcx.protocol.message.Acm.UserOutcome> outcomes = answerInTheOutbox(primaryRequests, "userMigration.add");
        assertThat(onFx(() -> outcomes.getItems().stream().map(o -> o.mcServiceId() + " " + o.outcome()).toList()))
                .containsExactly("alice CREATED");
        problems.assertNone("migrating a user to the partner");
    }

    /**
     * The guide's steps 8-9 (issue 14): the partner's groups asked for, approved there, fire-east
     * disclosed with alice in it; then alice taken out of fire-east, approved there, "removed" here.
     */
    @SuppressWarnings("unchecked")
    private void askForGroupsAndUpdateMembership(ConsoleWindow primary) throws Exception {
        showByKey(primary, "requests");
        Parent requests = onFx(() -> (Parent) primary.shell().current().node());
        DialogPane ask = compose(requests, "ask-groups", "ask a partner for its groups");
        press(ask, "send-compose");
        approveInThePartnersConsole("groups.request");
        waitUntil("the guide ticks step 8", () -> stepDone(8));
        TableView<org.mcx.protocol.message.Acm.GroupInfo> groups = answerInTheOutbox(requests, "groups.request");
        assertThat(onFx(() -> groups.getItems().stream().filter(g -> g.groupId().equals(PARTNER_GROUP))
                .flatMap(g -> g.members().stream()).map(m -> m.mcServiceId()).toList())).contains(DemoOptions.SAMPLE_USER);

        DialogPane update = compose(requests, "update-membership", "update a partner group's membership");
        onFxRun(() -> ((ComboBox<String>) update.lookup("#membership-group")).getEditor()
                .setText(PARTNER_GROUP));
        ListView<Console.User> remove = (ListView<Console.User>) update.lookup("#membership-remove");
        onFxRun(() -> remove.getSelectionModel().select(remove.getItems().stream()
                .filter(u -> u.mcServiceId().equals(DemoOptions.SAMPLE_USER)).findFirst().orElseThrow()));
        waitUntil("Send is enabled", () -> !update.lookup("#send-compose").isDisabled());
        press(update, "send-compose");
        approveInThePartnersConsole("groupMembership.update");
        waitUntil("the guide ticks step 9", () -> stepDone(9));
        TableView<org.mcx.protocol.message.Acm.UserOutcome> outcomes = answerInTheOutbox(requests, "groupMembership.update");
        assertThat(onFx(() -> outcomes.getItems().stream().map(o -> o.mcServiceId() + " " + o.outcome()).toList()))
                .containsExactly(DemoOptions.SAMPLE_USER + " REMOVED");
        problems.assertNone("the partner's groups and a membership update");
    }

    /** The partner's group the demo shares with this system (DemoSetup's). */
    private static final String PARTNER_GROUP = "fire-east";

    /** The guide's step 10: alice removed from migration on the partner, approved there, gone from its users. */
    @SuppressWarnings("unchecked")
    private void bringTheUserHome(ConsoleWindow primary) throws Exception {
        showByKey(primary, "requests");
        Parent requests = onFx(() -> (Parent) primary.shell().current().node());
        DialogPane remove = compose(requests, "remove-users", "remove users from migration");
        ListView<String> held = (ListView<String>) remove.lookup("#removal-users");
        waitUntil("alice is listed as held by the partner", () -> held.getItems().contains(DemoOptions.SAMPLE_USER));
        onFxRun(() -> held.getSelectionModel().select(DemoOptions.SAMPLE_USER));
        waitUntil("Send is enabled", () -> !remove.lookup("#send-compose").isDisabled());
        press(remove, "send-compose");
        approveInThePartnersConsole("userMigration.remove");
        waitUntil("the guide ticks step 10", () -> stepDone(10));
        TableView<org.mcx.protocol.message.Acm.UserOutcome> outcomes = answerInTheOutbox(requests, "userMigration.remove");
        assertThat(onFx(() -> outcomes.getItems().stream().map(o -> o.mcServiceId() + " " + o.outcome()).toList()))
                .containsExactly(DemoOptions.SAMPLE_USER + " REMOVED");
        problems.assertNone("bringing a migrated user home");
    }

    private DialogPane compose(Parent requests, String itemId, String what) throws Exception {
        javafx.application.Platform.runLater(() -> ((javafx.scene.control.MenuButton) requests.lookup("#migration-menu"))
                .getItems().stream().filter(i -> itemId.equals(i.getId())).findFirst().orElseThrow().fire());
        return dialog(what);
    }

    /** In the partner's console (the second window), its approver approves the request of {@code kind} waiting there. */
    @SuppressWarnings("unchecked")
    private ConsoleWindow approveInThePartnersConsole(String kind) throws Exception {
        ConsoleWindow partnerWindow = onFx(() -> consoles.windows().get(1));
        onFxRun(() -> partnerWindow.shell().show("requests"));
        idle();
        Parent inboxPage = onFx(() -> (Parent) partnerWindow.shell().current().node());
        TableView<Exchange.Request> inbox = (TableView<Exchange.Request>) inboxPage.lookup("#incoming-table");
        waitUntil("the " + kind + " request waits in the approver's inbox", () -> inbox.getItems().stream()
                .anyMatch(r -> kind.equals(r.kind()) && r.status() == Exchange.Status.PENDING_APPROVAL));
        onFxRun(() -> inbox.getSelectionModel().select(inbox.getItems().stream()
                .filter(r -> kind.equals(r.kind()) && r.status() == Exchange.Status.PENDING_APPROVAL).findFirst().orElseThrow()));
        onFxRun(() -> ((Button) inboxPage.lookup("#approve-request")).fire());
        return partnerWindow;
    }

    /** The primary's outbox, the answered request of {@code kind} selected: its result table. */
    @SuppressWarnings("unchecked")
    private <T> TableView<T> answerInTheOutbox(Parent requests, String kind) throws Exception {
        TableView<Exchange.Request> outgoing = (TableView<Exchange.Request>) requests.lookup("#outgoing-table");
        onFxRun(() -> ((TabPane) requests.lookup(".tab-pane")).getSelectionModel().select(1));
        waitUntil("the " + kind + " answer is back at the primary", () -> outgoing.getItems().stream()
                .anyMatch(r -> kind.equals(r.kind()) && r.response() != null));
        onFxRun(() -> outgoing.getSelectionModel().select(outgoing.getItems().stream()
                .filter(r -> kind.equals(r.kind()) && r.response() != null).findFirst().orElseThrow()));
        waitUntil("the " + kind + " result is shown", () -> requests.lookup("#request-result") != null);
        return (TableView<T>) requests.lookup("#request-result");
    }

    private boolean stepDone(int n) {
        Label mark = lookup("#demo-step-" + n + "-mark", Label.class);
        return "done".equals(mark.getAccessibleText());
    }

    private static String stepDetail(Parent page, int step) throws Exception {
        waitUntil("step " + step + " is shown", () -> page.lookup("#step-" + step + "-detail") != null);
        return onFx(() -> ((Label) page.lookup("#step-" + step + "-detail")).getText());
    }

    @SuppressWarnings("unchecked")
    private <T> TableView<T> table(String query) throws Exception {
        waitUntil(query, () -> present(query));
        return lookup(query, TableView.class);
    }

    private TextField field(String query) {
        return lookup(query, TextField.class);
    }

    private long editedVersion() {
        var label = lookup("#profile-editing", Label.class).getText();
        var m = Pattern.compile("version (\\d+)").matcher(label);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private String editedProfileId() {
        var m = Pattern.compile("Profile (\\S+),").matcher(lookup("#profile-editing", Label.class).getText());
        return m.find() ? m.group(1) : null;
    }

    private static ApplicationProfile storedProfile(String id) throws Exception {
        Console.Profiles all = call(MessageType.PROFILES_LIST, new Console.ListProfiles(null));
        return all.applicationProfiles().stream().filter(p -> p.applicationProfileId().equals(id)).findFirst().orElseThrow();
    }

    private static void saveElsewhere(ApplicationProfile p, List<String> protocols, List<String> messages) throws Exception {
        call(MessageType.PROFILES_SAVE, new Console.SaveProfile(new ApplicationProfile(p.applicationProfileId(),
                p.applicationProfileIndex(), p.applicationId(), p.authorizedService(), null,
                new ServiceInterfaceDescription(protocols, p.serviceInterfaceDescription().capabilities(), messages),
                null, null, null), p.version()));
    }
}
