package org.mcx.backend.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.BackendProcess;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.PinnedCertificate;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/** wss:// with the certificate made on first start, trusted by its printed fingerprint. */
class TlsTest {
    private static final Pattern FINGERPRINT = Pattern.compile("fingerprint ([0-9A-F:]{95})");

    @TempDir
    Path dir;

    @Test
    void aSelfSignedCertificateIsMadeOnceAndTrustedByItsFingerprint() throws Exception {
        String printed;
        try (BackendProcess backend = BackendProcess.start(dir, "primary", "--tls")) {
            assertThat(backend.base().getScheme()).isEqualTo("wss");
            Matcher m = FINGERPRINT.matcher(backend.output());
            assertThat(m.find()).as(backend.output()).isTrue();
            printed = m.group(1);
            assertThat(PinnedCertificate.presentedBy(backend.base(), Duration.ofSeconds(5))).isEqualTo(printed);

            try (ProtocolClient console = client(backend.base(), printed)) {
                console.connect().get(10, TimeUnit.SECONDS);
                Console.Users users = console.call(MessageType.USERS_LIST, new Common.Empty(), Console.Users.class);
                assertThat(users.users()).extracting(Console.User::mcServiceId).contains("admin");
            }
            String other = "AA" + printed.substring(2).replace('A', 'B');
            try (ProtocolClient impostor = client(backend.base(), other.equals(printed) ? "00" + printed.substring(2) : other)) {
                assertThatThrownBy(() -> impostor.connect().get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(Exception.class);
                assertThat(impostor.isConnected()).isFalse();
            }
            backend.terminate();
        }
        try (BackendProcess again = BackendProcess.start(dir, "primary", "--tls")) {
            assertThat(again.output()).contains(printed);
        }
    }

    private static ProtocolClient client(URI base, String pin) {
        return ProtocolClient.builder(base, Endpoint.ACMC)
                .authenticator(Authenticator.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD))
                .sslContext(PinnedCertificate.trusting(pin))
                .reconnect(ReconnectPolicy.disabled())
                .build();
    }
}
