package org.mcx.backend.acms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.PinnedCertificate;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Acms.ServerIdentity;
import org.mcx.protocol.message.Acms.ServerType;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;
import org.mcx.server.SelfSignedCertificate;

/**
 * A partner on wss:// with the self-signed certificate a backend makes on first start: trusted by
 * its pinned fingerprint, refused with any other.
 */
class AcmsPinnedCertificateTest {
    static final String WRONG = "00".repeat(32);

    @TempDir
    Path dir;

    @Test
    void aPartnerIsReachedOverWssOnlyWithItsPinnedCertificate() throws Exception {
        Path keystore = SelfSignedCertificate.ensure(dir.resolve("b"), "localhost");
        String password = SelfSignedCertificate.password(keystore);
        String fingerprint = SelfSignedCertificate.fingerprint(keystore, password);
        try (BackendFixture a = BackendFixture.start(dir.resolve("a"), AcmsPair.A, c -> c);
             BackendFixture b = BackendFixture.start(dir.resolve("b"), AcmsPair.B, c -> c.withTls(keystore, password));
             ProtocolClient adminB = ProtocolClient.builder(b.base(), Endpoint.ACMC)
                     .authenticator(Authenticator.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD))
                     .sslContext(PinnedCertificate.trusting(fingerprint)).build();
             ConsoleLink adminA = ConsoleLink.login(a.base(), BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD)) {
            assertThat(b.base().getScheme()).isEqualTo("wss");
            adminB.connect().get(10, TimeUnit.SECONDS);
            adminB.call(MessageType.SERVER_IDENTITIES_SAVE, new Exchange.ServerIdentities(
                    List.of(new ServerIdentity(ServerType.MCPTT, "sip:mcptt@b.example")), List.of()),
                    Exchange.ServerIdentities.class);
            adminB.call(MessageType.PARTNERS_SAVE, new Console.SavePartner(AcmsPair.A, "A", a.base() + "/acms",
                    AcmsPair.SECRET, new Console.AutoApprove(true, 100)), Console.Partner.class);
            adminA.follow(0L);
            AcmsPair.user(adminA, "alice", List.of(), true);
            String endpoint = "wss://127.0.0.1:" + b.port() + "/acms";

            adminA.call(MessageType.PARTNERS_SAVE, new Console.SavePartner(AcmsPair.B, "B", endpoint, AcmsPair.SECRET,
                    new Console.AutoApprove(false, 100), null, WRONG));
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            while (System.nanoTime() < until) {
                Console.Partners partners = adminA.call(MessageType.PARTNERS_LIST, new org.mcx.protocol.message.Common.Empty());
                assertThat(partners.partners()).singleElement().satisfies(p -> {
                    assertThat(p.connected()).as("a certificate with another fingerprint is refused").isFalse();
                    assertThat(p.certificateFingerprint()).isEqualTo(WRONG);
                });
            }

            adminA.call(MessageType.PARTNERS_SAVE, new Console.SavePartner(AcmsPair.B, "B", endpoint, null,
                    new Console.AutoApprove(false, 100), null, fingerprint));
            Exchange.Created created = adminA.call(MessageType.SERVER_IDENTITY_CREATE,
                    new Exchange.CreateRequest(AcmsPair.B, List.of("alice")));

            adminA.awaitEvent("serverIdentity.responseStored", created.requestId());
            assertThat(adminA.request(created.requestId()).response().serverIdentities()).singleElement()
                    .satisfies(u -> assertThat(u.servers()).extracting(ServerIdentity::identity)
                            .containsExactly("sip:mcptt@b.example"));
        }
    }
}
