package org.mcx.desktop.applications;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.desktop.testing.FxTest;
import org.mcx.desktop.testing.Problems;
import org.mcx.desktop.testing.TestBackend;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.Role;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The {@link DecisionDialog} in a real window on a real backend, at a laptop's 1024×700, for a real
 * authorization request (an application that is not of the trusted domain asks for alice's MCPTT):
 * an administrator and an approver each open it to approve (by the button and by a double-click) and
 * to deny, and close it with Cancel or Escape, deciding nothing; an operator and a viewer see the
 * request but are offered no decision.
 */
class DecisionDialogUiTest extends FxTest {
    private static final String PASSWORD = "console-password";
    private static final Map<Role, String[]> LOGINS = Map.of(
            Role.ADMIN, new String[] {TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD},
            Role.APPROVER, new String[] {"approver", PASSWORD},
            Role.OPERATOR, new String[] {"operator", PASSWORD},
            Role.VIEWER, new String[] {"viewer", PASSWORD});

    @TempDir
    Path dir;
    TestBackend backend;
    ProtocolClient application;
    Problems problems;

    @BeforeEach
    void start() throws Exception {
        backend = TestBackend.start(dir, "mcx-a");
        backend.call(MessageType.USERS_SAVE, new Console.SaveUser("alice", "Alice Martin", List.of(), true,
                List.of(ServiceType.MCPTT), false, "user-password"));
        backend.addRoleUsers(PASSWORD);
        Console.ApplicationCreated app = backend.call(MessageType.APPLICATIONS_CREATE,
                new Console.CreateApplication("Dispatch board", false));
        application = ProtocolClient.builder(backend.base(), Endpoint.CSC14)
                .authenticator(Authenticator.application(app.applicationId(), app.secret()))
                .reconnect(ReconnectPolicy.disabled()).build();
        application.connect().get(10, TimeUnit.SECONDS);
        Csc14.AuthorizationResult asked = application.request(MessageType.UPDATE_AUTHORIZATION,
                new Csc14.UpdateAuthorization("alice", Csc14.RequestType.AUTHORIZE,
                        List.of(new ServiceRef(ServiceType.MCPTT, "MCPTT-1")), null),
                Csc14.AuthorizationResult.class).get(10, TimeUnit.SECONDS);
        assertThat(asked.result()).as("not of the trusted domain: an approver decides").isEqualTo(Common.Result.PENDING);
        problems = Problems.watch();
    }

    @AfterEach
    void stop() throws Exception {
        closeConsoles();
        if (problems != null) {
            problems.close();
        }
        if (application != null) {
            application.close();
        }
        backend.close();
    }

    @Test
    void anAdministratorAndAnApproverOpenTheDecisionToApproveAndToDenyAndDecideNothing() throws Exception {
        for (Role r : List.of(Role.ADMIN, Role.APPROVER)) {
            TableView<PendingRow> pending = openAs(r);
            onFxRun(() -> {
                pending.getSelectionModel().select(0);
                pending.requestFocus();
            });

            Platform.runLater(() -> lookup("#approve", Button.class).fire());
            DialogPane approve = decision("approve as " + r);
            assertThat(onFx(approve::getHeaderText)).contains("Dispatch board").contains("alice");
            assertThat(onFx(() -> ((TextArea) approve.lookup("#decision-comment")).getText())).isEmpty();
            assertFitsLaptop(approve, "approving as " + r);
            cancel(approve);
            problems.assertNone("approving as " + r + ", cancelled");

            Platform.runLater(() -> lookup("#deny", Button.class).fire());
            DialogPane deny = decision("deny as " + r);
            onFxRun(() -> ((TextArea) deny.lookup("#decision-comment")).setText("Not for the dispatch board"));
            assertFitsLaptop(deny, "denying as " + r);
            escape(deny);
            problems.assertNone("denying as " + r + ", escaped");

            doubleClick(onFx(() -> pending.lookup(".table-row-cell")));
            DialogPane opened = decision("approve by a double-click as " + r);
            assertFitsLaptop(opened, "approving by a double-click as " + r);
            cancel(opened);

            assertThat(dialogShowing()).as("no dialog left open").isFalse();
            assertThat(pendingInBackend()).as(r + " cancelled: nothing decided").isEqualTo(1);
            assertThat(onFx(() -> pending.getItems().size())).isEqualTo(1);
            assertLayout(stage.getScene().getRoot(), "the applications view as " + r + " after the decision dialogs");
            problems.assertNone("the decision dialogs as " + r);
            closeConsoles();
        }
    }

    @Test
    void anOperatorAndAViewerSeeTheRequestButAreOfferedNoDecision() throws Exception {
        for (Role r : List.of(Role.OPERATOR, Role.VIEWER)) {
            TableView<PendingRow> pending = openAs(r);
            onFxRun(() -> pending.getSelectionModel().select(0));
            for (String button : List.of("#approve", "#deny")) {
                assertThat(onFx(() -> lookup(button, Button.class).isVisible())).as(r + " is offered " + button).isFalse();
            }
            doubleClick(onFx(() -> pending.lookup(".table-row-cell")));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(dialogShowing()).as(r + ": a double-click opens no decision").isFalse();
            assertLayout(stage.getScene().getRoot(), "the applications view as " + r);
            problems.assertNone("the applications view as " + r);
            closeConsoles();
        }
        assertThat(pendingInBackend()).isEqualTo(1);
    }

    /** Logs on as the user of {@code role} at 1024×700 and waits until the request is listed. */
    @SuppressWarnings("unchecked")
    private TableView<PendingRow> openAs(Role role) throws Exception {
        String[] login = LOGINS.get(role);
        openLaptopWindow(backend.base(), login[0], login[1], "applications");
        waitUntil("the applications view for " + role, () -> present("#pending-table"));
        TableView<PendingRow> pending = lookup("#pending-table", TableView.class);
        waitUntil("alice's request is listed for " + role, () -> pending.getItems().size() == 1
                && pending.getItems().get(0).pending().mcServiceId().equals("alice"));
        return pending;
    }

    private static DialogPane decision(String what) throws Exception {
        DialogPane d = dialog(what);
        assertThat(d.getId()).as("the DecisionDialog's pane").isEqualTo(DecisionDialog.PANE_ID);
        return d;
    }

    private long pendingInBackend() throws Exception {
        Console.Applications all = backend.call(MessageType.APPLICATIONS_LIST, new Common.Empty());
        return all.applications().stream().mapToLong(a -> a.pendingAuthorizations().size()).sum();
    }
}
