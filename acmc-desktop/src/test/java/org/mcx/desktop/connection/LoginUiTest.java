package org.mcx.desktop.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.prefs.Preferences;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.desktop.shell.DemoMode;
import org.mcx.desktop.testing.FxTest;
import org.mcx.desktop.testing.TestBackend;

/** The connect window against a real backend: a refused log-in in plain words, then a successful one. */
class LoginUiTest extends FxTest {
    @TempDir
    Path dir;
    TestBackend backend;
    Preferences prefs;

    @BeforeEach
    void start() throws Exception {
        backend = TestBackend.start(dir);
        prefs = Preferences.userRoot().node("org/mcx/acmc-test/" + getClass().getSimpleName());
        // The console alone, as its package installs it: no demo on the class path of this module's tests.
        onFxRun(() -> consoles.showConnect(stage, new ConnectionPrefs(prefs), DemoMode.installed()));
    }

    @AfterEach
    void stop() throws Exception {
        closeConsoles();
        backend.close();
        prefs.removeNode();
    }

    private void fill(String server, String user, String password) throws Exception {
        onFxRun(() -> {
            lookup("#server", TextField.class).setText(server);
            lookup("#user", TextField.class).setText(user);
            lookup("#password", TextField.class).setText(password);
        });
    }

    @Test
    void withoutTheDemoInstalledNoDemoIsOffered() throws Exception {
        assertThat(DemoMode.installed()).as("the console's own module has no demo").isEmpty();
        assertThat(present("#start-demo")).isFalse();
        assertThat(onFx(() -> robot.lookup(".label").queryAllAs(Label.class).stream().map(Label::getText)
                .filter(java.util.Objects::nonNull).toList()))
                .contains(i18n.get("connect.hint")).noneMatch(t -> t.contains("demo"));
    }

    @Test
    void wrongPasswordIsSaidPlainlyThenTheRightOneOpensTheConsole() throws Exception {
        fill(backend.base().toString(), "admin", "not-the-password");
        robot.clickOn("#connect");
        waitUntil("the error is shown", () -> lookup("#connect-error", Label.class).isVisible());
        assertThat(lookup("#connect-error", Label.class).getText()).isEqualTo(i18n.get("error.credentials"));
        assertThat(onFx(() -> stage.getTitle())).isEqualTo(i18n.get("connect.title"));

        fill(backend.base().toString(), "admin", TestBackend.ADMIN_PASSWORD);
        robot.clickOn("#connect");
        waitUntil("the console opens", () -> stage.getTitle().contains("admin") && present("#navigation"));
        waitUntil("the status bar says connected", () -> lookup("#status-bar", org.controlsfx.control.StatusBar.class)
                .getText().startsWith("Connected to"));
        assertThat(new ConnectionPrefs(prefs).server()).isEqualTo(backend.base().toString());
        String where = backend.base().getAuthority();
        assertThat(onFx(() -> stage.getTitle())).as("the window says which server, not just \"console\"")
                .isEqualTo("ACMC — " + where + " — admin");
        assertThat(onFx(() -> lookup("#shell-title", Label.class).getText()))
                .startsWith(where + " — Administrator (admin, ADMIN)");

        closeConsoles();
        org.mcx.protocol.message.Console.AuditEntries audit = backend.call(org.mcx.protocol.wire.MessageType.AUDIT_LIST,
                new org.mcx.protocol.message.Console.ListAudit(null, 50));
        assertThat(audit.entries()).as("closing the console logs its session out on the server")
                .anySatisfy(e -> assertThat(e.action()).isEqualTo("auth.logout"));
    }

    @Test
    void aBadAddressNamesTheFieldAndAnUnreachableServerIsSaidPlainly() throws Exception {
        fill("http://nowhere", "admin", "whatever1");
        robot.clickOn("#connect");
        waitUntil("the error is shown", () -> lookup("#connect-error", Label.class).isVisible());
        assertThat(lookup("#connect-error", Label.class).getText()).startsWith("Server:");

        backend.stop();
        fill(backend.base().toString(), "admin", "whatever1");
        robot.clickOn("#connect");
        waitUntil("the error changes", () -> i18n.get("error.unreachable").equals(lookup("#connect-error", Label.class).getText()));
    }
}
