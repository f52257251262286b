package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.server.SelfSignedCertificate;

/** The listener's keystore is read once, and what is printed for operators to pin comes from that read. */
class ServerTlsTest {
    @Test
    void theFingerprintIsTheServedCertificates(@TempDir Path dir) throws Exception {
        Path keystore = SelfSignedCertificate.ensure(dir, "localhost");
        String password = SelfSignedCertificate.password(keystore);

        ServerTls.Listener listener = ServerTls.forServer(SslProvider.JDK, keystore, password);

        assertThat(listener.context().isServer()).isTrue();
        assertThat(listener.fingerprint()).isEqualTo(SelfSignedCertificate.fingerprint(keystore, password));
    }

    @Test
    void aKeystoreWithoutAPrivateKeyIsRefusedByName(@TempDir Path dir) throws Exception {
        Path keystore = SelfSignedCertificate.ensure(dir, "localhost");
        String password = SelfSignedCertificate.password(keystore);
        KeyStore certificateOnly = KeyStore.getInstance("PKCS12");
        certificateOnly.load(null, null);
        KeyStore full = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            full.load(in, password.toCharArray());
        }
        certificateOnly.setCertificateEntry("trusted", full.getCertificate(full.aliases().nextElement()));
        Path trustOnly = dir.resolve("trust-only.p12");
        try (OutputStream out = Files.newOutputStream(trustOnly)) {
            certificateOnly.store(out, password.toCharArray());
        }

        for (SslProvider engine : new SslProvider[] {SslProvider.JDK, ServerTls.provider()}) {
            assertThatThrownBy(() -> ServerTls.forServer(engine, trustOnly, password))
                    .isInstanceOf(KeyStoreException.class).hasMessageContaining("trust-only.p12")
                    .hasMessageContaining("no private key");
        }
    }
}
