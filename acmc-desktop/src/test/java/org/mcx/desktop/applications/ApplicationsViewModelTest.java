package org.mcx.desktop.applications;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.desktop.common.ConsoleSession;
import org.mcx.desktop.common.SessionOpener;
import org.mcx.desktop.testing.Direct;
import org.mcx.desktop.testing.TestBackend;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/** The applications view model without the toolkit, against a real backend: create, list live, roles. */
class ApplicationsViewModelTest {
    @TempDir
    Path dir;
    TestBackend backend;
    ConsoleSession session;

    @BeforeEach
    void start() throws Exception {
        backend = TestBackend.start(dir);
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
        backend.close();
    }

    private ConsoleSession login(String user, String password) throws Exception {
        session = new SessionOpener(Runnable::run).open(backend.base(), user, password, null, "test")
                .get(10, TimeUnit.SECONDS);
        return session;
    }

    @Test
    void aCreatedApplicationHandsOutItsSecretOnceAndIsListed() throws Exception {
        ApplicationsViewModel vm = new ApplicationsViewModel(Direct.context(login(TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD)));
        Console.ApplicationCreated created = vm.create("Fleet tracker", false).get(10, TimeUnit.SECONDS);
        assertThat(created.secret()).hasSizeGreaterThanOrEqualTo(40);
        vm.applications().reload().get(10, TimeUnit.SECONDS);
        assertThat(vm.applications().items()).extracting(Console.Application::name).containsExactly("Fleet tracker");
        assertThat(vm.applications().items().get(0).toString()).doesNotContain(created.secret());

        vm.filterProperty().set("nothing like it");
        assertThat(vm.applications().sorted()).isEmpty();
        vm.filterProperty().set("fleet");
        assertThat(vm.applications().sorted()).hasSize(1);
    }

    @Test
    void anEventFromElsewhereReloadsTheList() throws Exception {
        ApplicationsViewModel vm = new ApplicationsViewModel(Direct.context(login(TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD)));
        vm.applications().reload().get(10, TimeUnit.SECONDS);
        assertThat(vm.applications().items()).isEmpty();
        java.util.concurrent.CompletableFuture<Void> listed = new java.util.concurrent.CompletableFuture<>();
        vm.applications().items().addListener((javafx.collections.ListChangeListener<Console.Application>) c -> {
            if (c.getList().size() == 1) {
                listed.complete(null);
            }
        });
        backend.call(MessageType.APPLICATIONS_CREATE, new Console.CreateApplication("Dispatch board", true));
        assertThat(listed).succeedsWithin(java.time.Duration.ofSeconds(10));
    }

    @Test
    void whatARoleMayNotDoIsNotOffered() throws Exception {
        backend.call(MessageType.USERS_SAVE, new Console.SaveUser("vera", "Vera Viewer", List.of(Role.VIEWER), false,
                List.of(), false, "vera-password"));
        ApplicationsViewModel vm = new ApplicationsViewModel(Direct.context(login("vera", "vera-password")));
        assertThat(vm.mayCreate()).isFalse();
        assertThat(vm.mayDecide()).isFalse();
        // and the server refuses anyway, in plain words
        assertThat(vm.create("Sneaky", false)).failsWithin(10, TimeUnit.SECONDS);
        assertThat(vm.messageProperty().get()).startsWith("Not allowed:");
    }
}
