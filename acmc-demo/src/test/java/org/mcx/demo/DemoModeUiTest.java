package org.mcx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.desktop.common.Page;
import org.mcx.desktop.connection.ConnectionPrefs;
import org.mcx.desktop.shell.ConsoleWindow;
import org.mcx.desktop.shell.DemoMode;
import org.mcx.desktop.testing.FxTest;

/**
 * "Start demo" as a user gets it: the primary's console as its administrator, then the partner's
 * console in a second window as its approver, where what an approver may not do is not offered.
 */
class DemoModeUiTest extends FxTest {
    @TempDir
    Path dir;
    DemoLauncher launcher;

    @AfterEach
    void stop() throws Exception {
        closeConsoles();
    }

    @Test
    void theConsoleFindsTheDemoOnTheClassPathAndOffersIt() throws Exception {
        assertThat(DemoMode.installed()).get().isInstanceOf(Demo.class);
        java.util.prefs.Preferences prefs = java.util.prefs.Preferences.userRoot().node("org/mcx/acmc-test/demo-offered");
        try {
            onFxRun(() -> consoles.showConnect(stage, new ConnectionPrefs(prefs), DemoMode.installed()));
            assertThat(present("#start-demo")).as("the connect window's \"Start demo\"").isTrue();
        } finally {
            prefs.removeNode();
        }
    }

    @Test
    void theDemoOpensThePrimaryAsAdministratorAndThePartnerAsApprover() throws Exception {
        launcher = new DemoLauncher(consoles, () -> DemoOptions.defaults(dir), false);
        ConsoleWindow primary = onFx(() -> launcher.start(stage)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(onFx(() -> stage.getTitle())).contains("mcx-a", "admin");
        assertThat(ids(primary.pages())).contains("users", "audit", "nodes", "partners");
        waitUntil("the guide says everything runs", () -> present("#try-this"));

        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P);
        waitUntil("the partner's console opens", () -> consoles.windows().size() == 2);
        ConsoleWindow partner = onFx(() -> consoles.windows().get(1));
        assertThat(partner.context().session().user().mcServiceId()).isEqualTo(DemoOptions.APPROVER);
        List<String> partnerNav = ids(partner.pages());
        assertThat(partnerNav).contains("overview", "applications", "requests")
                .doesNotContain("users", "audit", "nodes", "partners");
        assertThat(launcher.systems().ready()).succeedsWithin(java.time.Duration.ofSeconds(WAIT_SECONDS));
        onFxRun(() -> assertThat(lookup("#open-partner", Button.class).isVisible()).isTrue());
    }

    private static List<String> ids(List<Page> pages) {
        return pages.stream().map(Page::id).toList();
    }
}
