package org.mcx.desktop.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.Backend;
import org.mcx.backend.BackendConfig;
import org.mcx.desktop.common.ConsoleSession;
import org.mcx.desktop.common.SessionOpener;
import org.mcx.desktop.testing.Direct;
import org.mcx.desktop.testing.TestBackend;
import org.mcx.server.SelfSignedCertificate;

/**
 * A backend with a self-signed certificate: the console says the certificate is not trusted,
 * shows its SHA-256 fingerprint — the one the backend printed — and connects once it is trusted.
 */
class CertificateTrustTest {
    @TempDir
    Path dir;
    Backend backend;
    Preferences prefs = Preferences.userRoot().node("org/mcx/acmc-test/" + getClass().getSimpleName());

    @AfterEach
    void stop() throws Exception {
        if (backend != null) {
            backend.close();
        }
        prefs.removeNode();
    }

    @Test
    void anUntrustedCertificateIsShownByFingerprintAndTrustedOnce() throws Exception {
        Path keystore = SelfSignedCertificate.ensure(dir, "localhost");
        String password = SelfSignedCertificate.password(keystore);
        BackendConfig c = BackendConfig.forTests(dir.resolve("data"), "mcx-tls");
        backend = Backend.start(c.withTls(keystore, password));
        String printed = SelfSignedCertificate.fingerprint(keystore, password);
        assertThat(backend.url()).startsWith("wss://");

        ConnectViewModel vm = new ConnectViewModel(Direct.tasks(), new SessionOpener(Runnable::run),
                new ConnectionPrefs(prefs), Direct.I18N);
        vm.serverProperty().set(backend.url());
        vm.passwordProperty().set(TestBackend.ADMIN_PASSWORD);
        assertThat(vm.connect(s -> { })).failsWithin(10, TimeUnit.SECONDS);
        assertThat(vm.errorProperty().get()).isEqualTo(Direct.I18N.get("error.certificate"));
        assertThat(vm.untrustedFingerprintProperty().get()).isEqualTo(printed);

        vm.passwordProperty().set(TestBackend.ADMIN_PASSWORD);
        try (ConsoleSession session = vm.trustAndConnect(printed, s -> { }).get(10, TimeUnit.SECONDS)) {
            assertThat(session.user().mcServiceId()).isEqualTo("admin");
        }
    }
}
