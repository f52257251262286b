package org.mcx.desktop.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.mcx.desktop.shell.ConsoleWindow;
import org.mcx.desktop.testing.OneBackendUiTest;
import org.mcx.desktop.testing.TestBackend;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/**
 * The {@link SecretDialog} in a real window on a real backend, at a laptop's 1024×700: it shows the
 * secret the server hands out once, for a node and for an application an administrator creates
 * (the two ways to it), whole and read-only with its copy button, and OK closes it. No other role
 * may create either, so none is offered a way to it.
 */
class SecretDialogUiTest extends OneBackendUiTest {
    @Test
    void anAdministratorSeesTheSecretOfANewNodeAndOfANewApplication() throws Exception {
        ConsoleWindow w = openLaptopWindow(backend.base(), TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD, "nodes");
        waitUntil("the nodes view", () -> present("#new-node"));
        Platform.runLater(() -> lookup("#new-node", Button.class).fire());
        DialogPane node = dialog("new node");
        onFxRun(() -> ((TextField) node.lookup("#node-id")).setText("gm-east-1"));
        waitUntil("Create is enabled", () -> !node.lookup("#create-node").isDisabled());
        press(node, "create-node");
        DialogPane nodeSecret = secret("the node's secret");
        assertThat(onFx(() -> nodeSecret.getHeaderText())).contains("gm-east-1");
        checkAndClose(nodeSecret, "the secret of a new node as " + Role.ADMIN);
        Console.Nodes nodes = backend.call(MessageType.NODES_LIST, new Common.Empty());
        assertThat(nodes.nodes()).extracting(Console.Node::nodeId).containsExactly("gm-east-1");
        problems.assertNone("a new node's secret");

        onFxRun(() -> w.shell().show("applications"));
        waitUntil("the applications view", () -> present("#create-application"));
        Platform.runLater(() -> lookup("#create-application", Button.class).fire());
        DialogPane app = dialog("new application");
        onFxRun(() -> ((TextField) app.lookup("#application-name")).setText("Fleet tracker"));
        waitUntil("Create is enabled", () -> !app.lookup("#create-application-ok").isDisabled());
        press(app, "create-application-ok");
        DialogPane appSecret = secret("the application's secret");
        checkAndClose(appSecret, "the secret of a new application as " + Role.ADMIN);
        Console.Applications apps = backend.call(MessageType.APPLICATIONS_LIST, new Common.Empty());
        assertThat(apps.applications()).extracting(Console.Application::name).containsExactly("Fleet tracker");
        problems.assertNone("a new application's secret");
    }

    @Test
    void noOtherRoleIsOfferedAWayToASecret() throws Exception {
        for (Role r : List.of(Role.OPERATOR, Role.VIEWER, Role.APPROVER)) {
            ConsoleWindow w = openLaptopWindow(backend.base(), r.name().toLowerCase(), PASSWORD, "applications");
            waitUntil("the applications view for " + r, () -> present("#applications-table"));
            assertThat(onFx(() -> lookup("#create-application", Button.class).isVisible())).as(r + " creates applications").isFalse();
            assertThat(onFx(() -> w.shell().current().create())).as(r + ": Ctrl+N creates no application").isFalse();
            assertThat(onFx(() -> w.pages().stream().map(Page::id).toList())).as(r + " creates nodes").doesNotContain("nodes");
            assertThat(dialogShowing()).as(r + " sees no dialog").isFalse();
            problems.assertNone("the applications view as " + r);
            closeConsoles();
        }
    }

    /** Waits for the secret dialog (the form before it has closed) and returns it. */
    private DialogPane secret(String what) throws Exception {
        waitUntil(what, () -> present("#secret"));
        DialogPane d = dialog(what);
        assertThat(d.getId()).as("the SecretDialog's pane").isEqualTo(SecretDialog.PANE_ID);
        return d;
    }

    /** The secret whole, not to be edited, with its copy button; fits a laptop; OK closes it. */
    private void checkAndClose(DialogPane d, String where) throws Exception {
        TextField field = (TextField) d.lookup("#secret");
        assertThat(onFx(() -> field.getText())).hasSizeGreaterThanOrEqualTo(40);
        assertThat(onFx(() -> field.isEditable())).as("the secret is shown, not edited").isFalse();
        assertThat(onFx(() -> d.lookup("#copy-secret").isVisible())).isTrue();
        assertThat(onFx(() -> d.getButtonTypes().stream().toList())).containsExactly(ButtonType.OK);
        assertFitsLaptop(d, where);
        cancel(d); // OK: it only informs
        assertThat(dialogShowing()).as("no dialog left open after " + where).isFalse();
    }
}
