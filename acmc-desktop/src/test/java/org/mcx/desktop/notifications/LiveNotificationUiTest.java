package org.mcx.desktop.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.desktop.common.ConsoleSession;
import org.mcx.desktop.common.FeedItem;
import org.mcx.desktop.shell.ConsoleWindow;
import org.mcx.desktop.testing.FxTest;
import org.mcx.desktop.testing.TestBackend;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/** A change made elsewhere appears in this console's feed at once, counted as unread until the feed is opened. */
class LiveNotificationUiTest extends FxTest {
    @TempDir
    Path dir;
    TestBackend backend;
    ConsoleWindow window;

    @BeforeEach
    void start() throws Exception {
        backend = TestBackend.start(dir);
        ConsoleSession session = consoles.opener().open(backend.base(), TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD,
                null, "test").get(WAIT_SECONDS, TimeUnit.SECONDS);
        window = onFx(() -> consoles.open(stage, session));
    }

    @AfterEach
    void stop() throws Exception {
        closeConsoles();
        backend.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEventFromAnotherConsoleAppearsLiveAndCountsAsUnread() throws Exception {
        int unreadBefore = onFx(() -> window.notifications().unreadProperty().get());
        Console.ApplicationCreated app = backend.call(MessageType.APPLICATIONS_CREATE,
                new Console.CreateApplication("Fleet tracker", false));
        // Named once the console knows the name (it tells the event again then), never left as the id.
        String expected = i18n.get("event.application.created", "Fleet tracker");

        waitUntil("the overview's recent events show it", () -> lookup("#recent-events", ListView.class).getItems()
                .stream().anyMatch(i -> ((FeedItem) i).text().equals(expected)));
        assertThat(onFx(() -> window.notifications().unreadProperty().get())).isGreaterThan(unreadBefore);

        robot.push(KeyCode.CONTROL, KeyCode.DIGIT6); // the feed
        waitUntil("the feed shows it", () -> present("#notification-feed") && lookup("#notification-feed", ListView.class)
                .getItems().stream().anyMatch(i -> ((FeedItem) i).text().equals(expected)));
        waitUntil("opening the feed marks it read", () -> window.notifications().unreadProperty().get() == 0);
    }

    @Test
    void anImportantEventAlsoRaisesAToast() throws Exception {
        backend.call(MessageType.USERS_SAVE, new Console.SaveUser("bob", "Bob", java.util.List.of(), true,
                java.util.List.of(), true, "bob-password"));
        for (int i = 0; i < 5; i++) { // five wrong passwords lock the name: user.locked
            try (var attempt = org.mcx.protocol.client.ProtocolClient.builder(backend.base(), org.mcx.protocol.Endpoint.ACMC)
                    .authenticator(org.mcx.protocol.client.Authenticator.login("bob", "wrong-" + i))
                    .reconnect(org.mcx.protocol.client.ReconnectPolicy.disabled()).build()) {
                assertThat(attempt.connect()).failsWithin(10, TimeUnit.SECONDS);
            }
        }
        waitUntil("a toast names bob", () -> robot.lookup(".notification-bar .label").queryAll().stream()
                .anyMatch(n -> ((javafx.scene.control.Labeled) n).getText().startsWith("User bob locked")));
    }
}
