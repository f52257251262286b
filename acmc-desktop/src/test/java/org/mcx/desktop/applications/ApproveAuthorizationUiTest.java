package org.mcx.desktop.applications;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.samples.ExampleEvent;
import org.mcx.desktop.connection.ConsoleSession;
import org.mcx.desktop.demo.DemoOptions;
import org.mcx.desktop.demo.DemoSystems;
import org.mcx.desktop.testing.FxTest;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceType;

/**
 * In demo mode: the sample application waits for authorization; the administrator approves it in
 * the Applications view; the application is notified and gets its profiles.
 */
class ApproveAuthorizationUiTest extends FxTest {
    @TempDir
    Path dir;
    DemoSystems demo;
    final CompletableFuture<List<ApplicationProfile>> configured = new CompletableFuture<>();

    @BeforeEach
    void startDemo() throws Exception {
        demo = DemoSystems.start(DemoOptions.defaults(dir).withCallEvery(Duration.ofMillis(300)));
        demo.onExampleEvent(e -> {
            if (e instanceof ExampleEvent.Configured c && c.profiles().size() == 2) {
                configured.complete(c.profiles());
            }
        });
        demo.ready().get(WAIT_SECONDS, TimeUnit.SECONDS);
        ConsoleSession session = consoles.opener().open(demo.primaryUp().get(), DemoOptions.ADMIN,
                DemoOptions.ADMIN_PASSWORD, null, "mcx-a").get(WAIT_SECONDS, TimeUnit.SECONDS);
        onFxRun(() -> consoles.open(stage, session));
    }

    @AfterEach
    void stopDemo() throws Exception {
        closeConsoles();
        demo.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void approvingThePendingRequestGivesTheSampleApplicationItsProfiles() throws Exception {
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT3); // the Applications view, by its accelerator
        waitUntil("the pending request is listed", () -> present("#pending-table")
                && lookup("#pending-table", TableView.class).getItems().size() == 1);
        TableView<PendingRow> pending = lookup("#pending-table", TableView.class);
        PendingRow row = onFx(() -> pending.getItems().get(0));
        assertThat(row.pending().mcServiceId()).isEqualTo(DemoOptions.SAMPLE_USER);
        assertThat(row.application().name()).isEqualTo(DemoOptions.SAMPLE_APPLICATION);
        assertThat(configured).isNotDone();

        onFxRun(() -> pending.getSelectionModel().select(0));
        robot.clickOn("#approve");

        List<ApplicationProfile> profiles = configured.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(profiles).extracting(p -> p.authorizedService().serviceType())
                .containsExactlyInAnyOrder(ServiceType.GM, ServiceType.MCPTT);
        assertThat(demo.example().profiles()).hasSize(2);
        waitUntil("the request has left the inbox", () -> pending.getItems().isEmpty());
    }
}
