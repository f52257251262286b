package org.mcx.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.protocol.Endpoint;

/** wss:// with the caller's SSLContext: the production transport. */
class TlsTest {
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    static Path keyStore;

    @BeforeAll
    static void makeCertificate() throws Exception {
        keyStore = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    private static SSLContext trusting(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    @Test
    void connectsOverWssWithTheGivenTrust() throws Exception {
        try (ScriptedServer server = ScriptedServer.startTls(keyStore, PASSWORD);
             ProtocolClient client = ProtocolClient.builder(server.uri(), Endpoint.CSC14)
                     .authenticator(Authenticator.application("app-1", "secret"))
                     .sslContext(trusting(keyStore)).build()) {
            assertThat(client.uri().getScheme()).isEqualTo("wss");

            client.connect().get(10, TimeUnit.SECONDS);

            assertThat(server.next("auth.application")).isNotNull();
        }
    }

    @Test
    void untrustedCertificateFailsTheConnect() throws Exception {
        try (ScriptedServer server = ScriptedServer.startTls(keyStore, PASSWORD);
             ProtocolClient client = ProtocolClient.builder(server.uri(), Endpoint.CSC14)
                     .authenticator(Authenticator.application("app-1", "secret")).build()) {
            assertThatThrownBy(() -> client.connect().get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(ConnectionLostException.class);
            assertThat(server.allRequests()).isEmpty();
        }
    }
}
