package org.mcx.desktop.applications;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.desktop.common.ConsoleSession;
import org.mcx.desktop.testing.FxTest;
import org.mcx.desktop.testing.TestBackend;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import org.mcx.protocol.message.Console;

/** Creating an application: the name is required, the secret is shown once with a copy button, and it works. */
class CreateApplicationUiTest extends FxTest {
    @TempDir
    Path dir;
    TestBackend backend;

    @BeforeEach
    void start() throws Exception {
        backend = TestBackend.start(dir);
        ConsoleSession session = consoles.opener().open(backend.base(), TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD,
                null, "test").get(WAIT_SECONDS, TimeUnit.SECONDS);
        onFxRun(() -> consoles.open(stage, session));
    }

    @AfterEach
    void stop() throws Exception {
        closeConsoles();
        backend.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSecretIsShownOnceAndCopiedAndAuthenticatesTheApplication() throws Exception {
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT3);
        waitUntil("the applications view", () -> present("#create-application"));
        robot.clickOn("#create-application");
        waitUntil("the dialog", () -> present("#application-name"));
        Button ok = onFx(() -> (Button) lookup("#application-name", TextField.class).getScene().getRoot()
                .lookupAll(".button").stream().filter(n -> n instanceof Button b && b.isDefaultButton()).findFirst().orElseThrow());
        waitUntil("OK is disabled while the name is empty", ok::isDisabled);
        onFxRun(() -> lookup("#application-name", TextField.class).setText("Fleet tracker"));
        waitUntil("OK is enabled", () -> !ok.isDisabled());
        robot.clickOn(ok);

        waitUntil("the secret is shown", () -> present("#secret"));
        String secret = onFx(() -> lookup("#secret", TextField.class).getText());
        assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
        robot.clickOn("#copy-secret");
        assertThat(onFx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(secret);

        waitUntil("the application is listed", () -> lookup("#applications-table", TableView.class).getItems().size() == 1);
        Console.Application app = onFx(() -> (Console.Application) lookup("#applications-table", TableView.class).getItems().get(0));
        try (ProtocolClient client = ProtocolClient.builder(backend.base(), Endpoint.CSC14)
                .authenticator(Authenticator.application(app.applicationId(), secret))
                .reconnect(ReconnectPolicy.disabled()).build()) {
            assertThat(client.connect()).succeedsWithin(10, TimeUnit.SECONDS);
        }
    }
}
