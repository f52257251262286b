package org.mcx.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.desktop.common.ConsoleSession;
import org.mcx.desktop.testing.FxTest;
import org.mcx.desktop.testing.TestBackend;
import org.mcx.protocol.Role;
import org.mcx.protocol.client.ReconnectPolicy;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/**
 * The backend restarts under an open console: the status bar says so, the console resumes its
 * session, and a table changed meanwhile shows no stale row.
 */
class ReconnectUiTest extends FxTest {
    @TempDir
    Path dir;
    TestBackend backend;

    @BeforeEach
    void start() throws Exception {
        backend = TestBackend.start(dir);
        saveUser("bob");
        ConsoleSession session = consoles.opener()
                .reconnect(ReconnectPolicy.exponential(Duration.ofMillis(100), Duration.ofMillis(500)))
                .open(backend.base(), TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD, null, "test")
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        onFxRun(() -> consoles.open(stage, session));
    }

    @AfterEach
    void stop() throws Exception {
        closeConsoles();
        backend.close();
    }

    private void saveUser(String id) throws Exception {
        backend.call(MessageType.USERS_SAVE, new Console.SaveUser(id, "User " + id, List.<Role>of(), true,
                List.of(ServiceType.GM), true, id + "-password"));
    }

    @SuppressWarnings("unchecked")
    private List<String> usersShown() {
        return ((TableView<Console.User>) lookup("#users-table", TableView.class)).getItems().stream()
                .map(Console.User::mcServiceId).toList();
    }

    private String statusText() {
        return lookup("#status-bar", StatusBar.class).getText();
    }

    @Test
    void afterABackendRestartTheSessionResumesAndNoRowIsStale() throws Exception {
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT8); // users
        waitUntil("bob is listed", () -> present("#users-table") && usersShown().contains("bob"));

        backend.stop();
        waitUntil("the status bar says the link is lost", () -> statusText().contains("lost"));
        backend.startAgain();
        // Changed by someone else while this console may still be away: bob goes, carol comes.
        backend.call(MessageType.USERS_DELETE, new Console.DeleteUser("bob"));
        saveUser("carol");

        waitUntil("connected again", () -> statusText().startsWith("Connected to"));
        waitUntil("the table is current", () -> usersShown().contains("carol") && !usersShown().contains("bob"));
        assertThat(usersShown()).containsExactlyInAnyOrder("admin", "carol");
    }
}
