package org.mcx.desktop.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.mcx.desktop.common.Page;
import org.mcx.desktop.shell.ConsoleWindow;
import org.mcx.desktop.testing.OneBackendUiTest;
import org.mcx.desktop.testing.TestBackend;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/**
 * The {@link NodeDialog} in a real window on a real backend, at a laptop's 1024×700: an administrator
 * opens it from New node and from the view's "new …" (Ctrl+N), and closes it with Cancel and with
 * Escape, creating nothing; every other role is not given the nodes view at all.
 */
class NodeDialogUiTest extends OneBackendUiTest {
    @Test
    void anAdministratorOpensTheNodeDialogAndClosesItCreatingNothing() throws Exception {
        ConsoleWindow w = openLaptopWindow(backend.base(), TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD, "nodes");
        waitUntil("the nodes view", () -> present("#nodes-table"));

        Platform.runLater(() -> lookup("#new-node", Button.class).fire());
        DialogPane d = dialog("new node");
        assertThat(d.getId()).as("the NodeDialog's pane").isEqualTo(NodeDialog.PANE_ID);
        assertThat(onFx(() -> ((TextField) d.lookup("#node-id")).getText())).isEmpty();
        assertThat(onFx(() -> ((RadioButton) d.lookup("#node-kind-service")).isSelected())).as("a service node by default").isTrue();
        assertThat(onFx(() -> d.lookup("#create-node").isDisabled())).as("no id typed yet").isTrue();
        assertFitsLaptop(d, "the new node dialog as " + Role.ADMIN);
        cancel(d);
        problems.assertNone("the new node dialog, cancelled");

        Platform.runLater(() -> w.shell().current().create()); // what Ctrl+N does
        DialogPane again = dialog("new node by Ctrl+N");
        assertThat(again.getId()).as("the NodeDialog's pane").isEqualTo(NodeDialog.PANE_ID);
        onFxRun(() -> {
            ((TextField) again.lookup("#node-id")).setText("gm-east-1");
            ((RadioButton) again.lookup("#node-kind-sas")).setSelected(true);
        });
        waitUntil("Create is enabled", () -> !again.lookup("#create-node").isDisabled());
        assertFitsLaptop(again, "the new node dialog filled in as " + Role.ADMIN);
        escape(again);
        assertThat(dialogShowing()).as("no dialog left open").isFalse();
        Console.Nodes nodes = backend.call(MessageType.NODES_LIST, new Common.Empty());
        assertThat(nodes.nodes()).as("cancelled and escaped: no node created").isEmpty();
        assertLayout(stage.getScene().getRoot(), "the nodes view after its dialog");
        problems.assertNone("the new node dialog, escaped");
    }

    @Test
    void noOtherRoleIsGivenTheNodesOrTheirDialog() throws Exception {
        for (Role r : List.of(Role.OPERATOR, Role.VIEWER, Role.APPROVER)) {
            ConsoleWindow w = openLaptopWindow(backend.base(), r.name().toLowerCase(), PASSWORD, "nodes");
            assertThat(onFx(() -> w.pages().stream().map(Page::id).toList())).as(r + "'s views").doesNotContain("nodes");
            assertThat(onFx(() -> present("#new-node") || present("#nodes-table"))).as(r + " is offered the nodes").isFalse();
            assertThat(dialogShowing()).as(r + " sees no dialog").isFalse();
            problems.assertNone("the console as " + r);
            closeConsoles();
        }
    }
}
