package org.mcx.desktop.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.desktop.demo.DemoLauncher;
import org.mcx.desktop.demo.DemoOptions;
import org.mcx.desktop.shell.ConsoleWindow;
import org.mcx.desktop.testing.FxTest;
import org.mcx.protocol.message.Exchange;

/**
 * TR 23.700-38's exchange in demo mode, as one person walks it: the primary's administrator sends a
 * server identity request to the partner, the partner's approver (in the second window) approves it
 * with a comment, and the answer arrives in the primary's outgoing requests with every step.
 */
class PartnerExchangeUiTest extends FxTest {
    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        closeConsoles();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRequestSentFromThePrimaryIsApprovedAtThePartnerAndTheAnswerArrives() throws Exception {
        DemoLauncher launcher = new DemoLauncher(consoles, consoles.tasks(), i18n, () -> DemoOptions.defaults(dir), false);
        ConsoleWindow primary = onFx(() -> launcher.start(stage)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(launcher.systems().ready()).succeedsWithin(java.time.Duration.ofSeconds(WAIT_SECONDS));

        // Steps 1-3: the administrator picks the partner and a user in the "new request" dialog.
        Node primaryRequests = page(primary, "requests");
        waitUntil("the new-request button", () -> robot.from(primaryRequests).lookup("#new-request").tryQuery().isPresent());
        robot.clickOn(robot.from(primaryRequests).lookup("#new-request").queryAs(Button.class));
        waitUntil("the dialog lists the users", () -> present("#request-users")
                && !lookup("#request-users", ListView.class).getItems().isEmpty());
        onFxRun(() -> lookup("#request-users", ListView.class).getSelectionModel().select(DemoOptions.SAMPLE_USER));
        robot.clickOn((Button) lookup(".dialog-pane", DialogPane.class).lookupButton(ButtonType.OK));
        onFxRun(() -> robot.from(primaryRequests).lookup(".tab-pane").queryAs(TabPane.class).getSelectionModel().select(1));
        waitUntil("the outgoing tab is shown", () -> robot.from(primaryRequests).lookup("#outgoing-table").tryQuery().isPresent());
        TableView<Exchange.Request> outgoing = robot.from(primaryRequests).lookup("#outgoing-table").queryAs(TableView.class);
        waitUntil("the request is stored at the partner", () -> outgoing.getItems().size() == 1
                && outgoing.getItems().get(0).status() != Exchange.Status.CREATED
                && outgoing.getItems().get(0).status() != Exchange.Status.FORWARDED);

        // Steps 7-12: the partner's approver sees it in the inbox and approves it.
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P);
        waitUntil("the partner's console opens", () -> consoles.windows().size() == 2);
        ConsoleWindow partner = onFx(() -> consoles.windows().get(1));
        Node partnerRequests = page(partner, "requests");
        TableView<Exchange.Request> inbox = find(partnerRequests, "#incoming-table", TableView.class);
        waitUntil("the request waits in the approver's inbox", () -> inbox.getItems().size() == 1);
        onFxRun(() -> inbox.getSelectionModel().select(0));
        TextArea comment = find(partnerRequests, ".text-area", TextArea.class);
        onFxRun(() -> comment.setText("welcome"));
        robot.clickOn(find(partnerRequests, "#approve-request", Button.class));

        // Steps 13-18: the answer reaches the primary, whose administrator reads it.
        waitUntil("the answer is back at the primary", () -> outgoing.getItems().size() == 1
                && outgoing.getItems().get(0).response() != null);
        onFxRun(() -> outgoing.getSelectionModel().select(0));
        Exchange.Request answered = onFx(() -> outgoing.getItems().get(0));
        assertThat(answered.response().decision()).isEqualTo(org.mcx.protocol.message.Acms.Decision.APPROVED);
        assertThat(answered.response().decidedBy()).isEqualTo(DemoOptions.APPROVER);
        assertThat(answered.response().comment()).isEqualTo("welcome");
        assertThat(answered.users()).containsExactly(DemoOptions.SAMPLE_USER);
        assertThat(answered.steps()).extracting(Exchange.Step::step).contains(1, 3, 5, 14);
        Label answer = find(primaryRequests, "#request-answer", Label.class);
        assertThat(onFx(answer::getText)).contains("APPROVED").contains("welcome")
                .as("the partner's identities, the fire brigade's MCPTT server for alice")
                .contains("sip:mcptt-fire@county-b.example").contains("https://kms.county-b.example/km");
    }

    /** The node of that window matching {@code query}, once the scene shows it. */
    private <T extends Node> T find(Node root, String query, Class<T> type) throws Exception {
        waitUntil(query, () -> robot.from(root).lookup(query).tryQuery().isPresent());
        return robot.from(root).lookup(query).queryAs(type);
    }

    /** Shows a page of a console window and returns its content, to look things up in that window only. */
    private static Node page(ConsoleWindow window, String id) throws Exception {
        return onFx(() -> {
            window.shell().show(id);
            return window.shell().current().node();
        });
    }
}
