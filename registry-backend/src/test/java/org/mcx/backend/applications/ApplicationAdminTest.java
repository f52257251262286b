package org.mcx.backend.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.applications.Harness.call;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.Role;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.RemoteException;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

class ApplicationAdminTest {
    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void start() throws Exception {
        h = Harness.start(dir);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aCreatedApplicationAuthenticatesWithItsSecretWhichIsShownOnlyOnce() throws Exception {
        Console.ApplicationCreated app = h.createApplication("Dispatch console", false);
        assertThat(app.applicationId()).startsWith("app-");
        assertThat(app.secret()).hasSizeGreaterThanOrEqualTo(43);

        ProtocolClient client = h.application(app, Inbox.acking());
        assertThat(client.authentication()).contains(new Auth.ApplicationSession(app.applicationId(), "Dispatch console"));

        Console.Applications list = call(h.admin(), MessageType.APPLICATIONS_LIST, new Common.Empty());
        assertThat(list.applications()).singleElement().satisfies(a -> {
            assertThat(a.applicationId()).isEqualTo(app.applicationId());
            assertThat(a.trustedDomain()).isFalse();
            assertThat(a.createdAt()).isNotNull();
            assertThat(a.pendingAuthorizations()).isEmpty();
        });
        Console.AuditEntries audit = call(h.admin(), MessageType.AUDIT_LIST, new Console.ListAudit(null, null));
        String shown = h.fixture().backend().context().codec().mapper().writeValueAsString(List.of(list, audit));
        assertThat(shown).contains(app.applicationId()).doesNotContain(app.secret());
        assertThat(audit.entries()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("applications.create");
            assertThat(e.target()).isEqualTo(app.applicationId());
            assertThat(e.actor()).isEqualTo("admin");
        });
    }

    @Test
    void aWrongSecretAndAnUnknownApplicationGetTheSameRefusal() throws Exception {
        Console.ApplicationCreated app = h.createApplication("Dispatch console", false);

        RemoteException wrongSecret = refusedConnect(app.applicationId(), app.secret() + "x");
        RemoteException unknown = refusedConnect("app-000000000000", app.secret());

        assertThat(wrongSecret.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(unknown.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(unknown.getMessage()).isEqualTo(wrongSecret.getMessage());
    }

    @Test
    void onlyAnAdministratorCreatesApplications() throws Exception {
        h.saveUser("olivia", false, List.of(), Role.OPERATOR);
        ProtocolClient operator = h.console("olivia", Harness.PASSWORD);

        Harness.assertRefused(operator, MessageType.APPLICATIONS_CREATE,
                new Console.CreateApplication("Sneaky", true), ErrorCode.FORBIDDEN);
        Console.Applications list = call(operator, MessageType.APPLICATIONS_LIST, new Common.Empty());
        assertThat(list.applications()).isEmpty();
    }

    private RemoteException refusedConnect(String applicationId, String secret) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> h.connect(h.applicationBuilder(applicationId, secret, Inbox.acking())));
        assertThat(thrown).isInstanceOf(ExecutionException.class).cause().isInstanceOf(RemoteException.class);
        return (RemoteException) thrown.getCause();
    }
}
