package org.mcx.desktop.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.samples.ExampleEvent;
import org.mcx.desktop.connection.ConnectView;
import org.mcx.desktop.connection.ConnectViewModel;
import org.mcx.desktop.connection.ConnectionPrefs;
import org.mcx.desktop.connection.ConsoleSession;
import org.mcx.desktop.demo.DemoOptions;
import org.mcx.desktop.demo.DemoSystems;
import org.mcx.desktop.shell.ConsoleWindow;
import org.mcx.desktop.testing.FxTest;
import org.mcx.desktop.testing.Png;
import org.mcx.protocol.MessageType;
import org.mcx.protocol.message.Exchange;

/**
 * Makes docs/screenshots/*.png from the real UI in demo mode (headless). Not part of the normal
 * test run; run it with the command in README.md when the UI changes.
 */
@Tag("tool")
class ScreenshotsTool extends FxTest {
    static final Path OUT = Path.of(System.getProperty("screenshots.dir", "../docs/screenshots"));

    @TempDir
    Path dir;
    DemoSystems demo;

    @AfterEach
    void stop() throws Exception {
        closeConsoles();
        if (demo != null) {
            demo.close();
        }
    }

    private void shot(javafx.scene.Node node, String name) throws Exception {
        Png.write(onFx(() -> Png.snapshot(node)), OUT.resolve(name + ".png"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void mainViews() throws Exception {
        CompletableFuture<Void> called = new CompletableFuture<>();
        demo = DemoSystems.start(DemoOptions.defaults(dir).withCallEvery(Duration.ofMillis(500)));
        demo.onExampleEvent(e -> {
            if (e instanceof ExampleEvent.Called c && c.status() == 200) {
                called.complete(null);
            }
        });
        demo.ready().get(WAIT_SECONDS, TimeUnit.SECONDS);

        java.util.prefs.Preferences prefs = java.util.prefs.Preferences.userRoot().node("org/mcx/acmc-test/screens");
        ConnectView connect = onFx(() -> {
            ConnectViewModel vm = new ConnectViewModel(consoles.tasks(), consoles.opener(), new ConnectionPrefs(prefs), i18n);
            vm.serverProperty().set("ws://127.0.0.1:8080");
            ConnectView v = new ConnectView(vm, i18n, s -> { }, () -> { });
            new javafx.scene.Scene(v.node(), 520, 420);
            return v;
        });
        shot(connect.node(), "connect");
        prefs.removeNode();

        ConsoleSession session = consoles.opener().open(demo.primaryUp().get(), DemoOptions.ADMIN,
                DemoOptions.ADMIN_PASSWORD, null, DemoOptions.PRIMARY_ID + " (primary)").get(WAIT_SECONDS, TimeUnit.SECONDS);
        ConsoleWindow window = onFx(() -> consoles.open(stage, session));
        javafx.scene.Node root = onFx(() -> stage.getScene().getRoot());

        show(window, "applications");
        waitUntil("the pending request", () -> lookup("#pending-table", TableView.class).getItems().size() == 1);
        onFxRun(() -> lookup("#pending-table", TableView.class).getSelectionModel().select(0));
        shot(root, "applications");
        robot.clickOn("#approve");
        called.get(WAIT_SECONDS, TimeUnit.SECONDS);

        show(window, "profiles");
        waitUntil("the profiles", () -> lookup("#profiles-table", TableView.class).getItems().size() == 2);
        onFxRun(() -> lookup("#profiles-table", TableView.class).getSelectionModel().select(0));
        waitUntil("the history", () -> !lookup("#profile-history", javafx.scene.control.ListView.class).getItems().isEmpty());
        shot(root, "profiles");

        show(window, "services");
        waitUntil("the services", () -> lookup("#services-table", TableView.class).getItems().size() >= 6);
        shot(root, "services");
        show(window, "overview");
        waitUntil("the counts", () -> !lookup("#recent-events", javafx.scene.control.ListView.class).getItems().isEmpty());
        shot(root, "overview");
        show(window, "audit");
        waitUntil("the audit log", () -> !lookup("#audit-table", TableView.class).getItems().isEmpty());
        shot(root, "audit");
        show(window, "notifications");
        shot(root, "notifications");
        Exchange.Created asked = session.<Exchange.Created>request(MessageType.SERVER_IDENTITY_CREATE,
                new Exchange.CreateRequest(DemoOptions.PARTNER_ID, List.of(DemoOptions.SAMPLE_USER, "bob")))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        show(window, "partners");
        waitUntil("the partners", () -> !lookup("#partners-table", TableView.class).getItems().isEmpty());
        shot(root, "partners");
        ConsoleSession approver = consoles.opener().open(demo.partnerUp().get(), DemoOptions.APPROVER,
                DemoOptions.APPROVER_PASSWORD, null, DemoOptions.PARTNER_ID + " (partner)").get(WAIT_SECONDS, TimeUnit.SECONDS);
        javafx.stage.Stage second = onFx(javafx.stage.Stage::new);
        ConsoleWindow partner = onFx(() -> consoles.open(second, approver));
        // The partner's approver with the request in the inbox, then the answer back at the primary.
        onFxRun(() -> partner.shell().show("requests"));
        javafx.scene.Node inboxPage = onFx(() -> partner.shell().current().node());
        waitUntil("the request in the approver's inbox", () -> robot.from(inboxPage).lookup("#incoming-table")
                .tryQuery().map(t -> ((TableView<?>) t).getItems().size() == 1).orElse(false));
        onFxRun(() -> robot.from(inboxPage).lookup("#incoming-table").queryAs(TableView.class).getSelectionModel().select(0));
        shot(second.getScene().getRoot(), "partner-console-approver");
        approver.request(MessageType.SERVER_IDENTITY_DECIDE, new Exchange.Decide(asked.requestId(),
                Exchange.ApproverDecision.APPROVE, "welcome to county B")).get(WAIT_SECONDS, TimeUnit.SECONDS);
        show(window, "requests");
        javafx.scene.Node requestsPage = onFx(() -> window.shell().current().node());
        onFxRun(() -> robot.from(requestsPage).lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel().select(1));
        waitUntil("the answer at the primary", () -> robot.from(requestsPage).lookup("#outgoing-table").tryQuery()
                .map(t -> ((TableView<Exchange.Request>) t).getItems().stream().anyMatch(r -> r.response() != null))
                .orElse(false));
        onFxRun(() -> robot.from(requestsPage).lookup("#outgoing-table").queryAs(TableView.class).getSelectionModel().select(0));
        shot(root, "partner-requests");

        onFxRun(() -> new org.mcx.desktop.shell.ThemeSwitch(true));
        show(window, "overview");
        shot(root, "overview-dark");
        onFxRun(() -> new org.mcx.desktop.shell.ThemeSwitch(false));
    }

    private void show(ConsoleWindow window, String page) throws Exception {
        onFxRun(() -> window.shell().show(page));
        waitUntil("the page " + page, () -> window.shell().current() != null && window.shell().current().id().equals(page));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }
}
