package org.mcx.desktop.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.desktop.common.ConsoleSession;
import org.mcx.desktop.common.SessionOpener;
import org.mcx.desktop.testing.Direct;
import org.mcx.desktop.testing.TestBackend;
import org.mcx.protocol.client.LinkState;

/** The connect logic without the toolkit, against a real backend: field checks, refusals in plain words, lock-out. */
class ConnectViewModelTest {
    @TempDir
    Path dir;
    TestBackend backend;
    Preferences prefs;
    ConnectViewModel vm;

    @BeforeEach
    void start() throws Exception {
        backend = TestBackend.start(dir);
        prefs = Preferences.userRoot().node("org/mcx/acmc-test/" + getClass().getSimpleName());
        vm = new ConnectViewModel(Direct.tasks(), new SessionOpener(Runnable::run), new ConnectionPrefs(prefs), Direct.I18N);
        vm.serverProperty().set(backend.base().toString());
    }

    @AfterEach
    void stop() throws Exception {
        backend.close();
        prefs.removeNode();
    }

    private void tryLogin(String user, String password) {
        vm.userProperty().set(user);
        vm.passwordProperty().set(password);
        try {
            vm.connect(s -> { }).get(10, TimeUnit.SECONDS).close();
        } catch (ExecutionException | java.util.concurrent.TimeoutException | InterruptedException e) {
            // the view model reports it; the tests read that
        }
    }

    @Test
    void theFailingFieldIsNamed() {
        vm.serverProperty().set("localhost:8080");
        tryLogin("admin", "x");
        assertThat(vm.errorFieldProperty().get()).isEqualTo(ConnectViewModel.Field.SERVER);
        vm.serverProperty().set(backend.base().toString());
        tryLogin(" ", "x");
        assertThat(vm.errorFieldProperty().get()).isEqualTo(ConnectViewModel.Field.USER);
        tryLogin("admin", "");
        assertThat(vm.errorFieldProperty().get()).isEqualTo(ConnectViewModel.Field.PASSWORD);
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountAndTheMessageSaysForHowLong() {
        tryLogin("admin", "wrong-1");
        assertThat(vm.errorProperty().get()).isEqualTo(Direct.I18N.get("error.credentials"));
        for (int i = 0; i < 5; i++) {
            tryLogin("admin", "wrong-" + i);
        }
        assertThat(vm.errorProperty().get()).startsWith("This account is locked for now").contains("min");
    }

    @Test
    void theRightPasswordGivesALiveSessionAndTheServerIsRemembered() throws Exception {
        vm.userProperty().set("admin");
        vm.passwordProperty().set(TestBackend.ADMIN_PASSWORD);
        try (ConsoleSession session = vm.connect(s -> { }).get(10, TimeUnit.SECONDS)) {
            assertThat(session.linkProperty().get().state()).isEqualTo(LinkState.CONNECTED);
            assertThat(session.user().mcServiceId()).isEqualTo("admin");
        }
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.passwordProperty().get()).isEmpty(); // not kept in the form
        assertThat(new ConnectionPrefs(prefs).server()).isEqualTo(backend.base().toString());
    }

    /** A system of several nodes: the console logs in on the first that answers; mixed schemes are refused. */
    @Test
    void severalNodesAreTriedInTurnAndMustAllSpeakTheSameScheme() throws Exception {
        int dead;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        vm.serverProperty().set("ws://127.0.0.1:" + dead + ", " + backend.base());
        vm.userProperty().set("admin");
        vm.passwordProperty().set(TestBackend.ADMIN_PASSWORD);
        try (ConsoleSession session = vm.connect(s -> { }).get(20, TimeUnit.SECONDS)) {
            assertThat(session.linkProperty().get().state()).isEqualTo(LinkState.CONNECTED);
        }
        vm.serverProperty().set("ws://127.0.0.1:" + dead + ", " + backend.base().toString().replace("ws://", "wss://"));
        tryLogin("admin", TestBackend.ADMIN_PASSWORD);
        assertThat(vm.errorFieldProperty().get()).isEqualTo(ConnectViewModel.Field.SERVER);
        assertThat(vm.errorProperty().get()).contains("all ws:// or all wss://");
    }

    @Test
    void wssToAPlainServerSaysToUseWsRatherThanThatItCannotBeReached() throws Exception {
        vm.serverProperty().set(backend.base().toString().replace("ws://", "wss://"));
        tryLogin("admin", TestBackend.ADMIN_PASSWORD);
        assertThat(vm.errorProperty().get()).contains("without TLS").contains("ws://")
                .doesNotContain(Direct.I18N.get("error.unreachable"));
        assertThat(vm.errorFieldProperty().get()).isEqualTo(ConnectViewModel.Field.SERVER);
        assertThat(vm.untrustedFingerprintProperty().get()).isNull();
    }
}
