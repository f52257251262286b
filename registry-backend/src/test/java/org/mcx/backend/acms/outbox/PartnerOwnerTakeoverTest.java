package org.mcx.backend.acms.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.acms.outbox.RecordingAcks.Outcome;
import org.mcx.backend.store.Database;
import org.mcx.backend.store.StoreConfig;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.TestStores;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Two nodes of one system on one PostgreSQL database, draining one partner's outbox. */
class PartnerOwnerTakeoverTest {
    private static final Logger log = LoggerFactory.getLogger(PartnerOwnerTakeoverTest.class);

    @TempDir
    Path dir;

    @BeforeEach
    void twoNodesNeedPostgres() {
        assumeTrue(TestStores.onPostgres(), "two nodes on one database need PostgreSQL: an H2 file is one process's");
    }

    private StoreConfig store() {
        return TestStores.store(dir.resolve("a"), Database.Durability.PROCESS_CRASH);
    }

    @Test
    void twoNodesNeverDrainAPartnerAtOnceAndEachSendsWhatTheOtherWrote() throws Exception {
        // Ten renewals per lease: the holder keeps the partner throughout.
        OwnershipConfig quick = new OwnershipConfig(Duration.ofMillis(300), Duration.ofSeconds(3), Duration.ofMillis(200),
                false);
        RecordingAcks acks = new RecordingAcks();
        try (ScriptedPartner partner = ScriptedPartner.start();
             OutboxNode one = OutboxNode.start(store(), "node-1", quick, acks, null);
             OutboxNode two = OutboxNode.start(store(), "node-2", quick, acks, null)) {
            one.node.addPartner("mcx-b", partner.endpoint(), ScriptedPartner.SECRET);
            one.links.reload("mcx-b");
            List<String> written = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                written.add((i % 2 == 0 ? one : two).enqueue("mcx-b"));
            }
            List<Outcome> outcomes = acks.await(written.size());

            String holder = (String) one.node.ownerRow("mcx-b")[0];
            assertThat(outcomes).extracting(Outcome::requestId).containsExactlyInAnyOrderElementsOf(written);
            assertThat(outcomes).extracting(Outcome::node).containsOnly(holder);
            List<ScriptedPartner.Receipt> receipts = partner.receipts();
            assertThat(receipts).extracting(ScriptedPartner.Receipt::requestId).containsExactlyElementsOf(written);
            assertThat(receipts).extracting(ScriptedPartner.Receipt::session).as("one link").containsOnly(
                    receipts.get(0).session());
            assertThat(partner.mostOnTheWire()).isEqualTo(1);
        }
    }

    @Test
    void anExchangeCutByItsNodesDeathCompletesOnceOnTheNextNode() throws Exception {
        OwnershipConfig defaults = OwnershipConfig.defaults(false);
        RecordingAcks acks = new RecordingAcks();
        CountDownLatch answered = new CountDownLatch(1);
        try (BackendFixture b = BackendFixture.start(dir.resolve("b"), "mcx-b", c -> c);
             ProtocolClient adminB = ProtocolClient.builder(b.base(), Endpoint.ACMC)
                     .authenticator(Authenticator.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD)).build()) {
            adminB.connect().get(10, TimeUnit.SECONDS);
            adminB.call(MessageType.PARTNERS_SAVE, new Console.SavePartner(TestNode.SYSTEM, "System A",
                    "ws://127.0.0.1:9/acms", ScriptedPartner.SECRET, new Console.AutoApprove(false, 100), null, null));
            // node-1 dies each time between B's "stored" and its own commit
            OutboxNode one = OutboxNode.start(store(), "node-1", defaults, acks, answered);
            try (OutboxNode two = OutboxNode.start(store(), "node-2", defaults, acks, null)) {
                one.node.addPartner("mcx-b", b.base() + "/acms", ScriptedPartner.SECRET);
                one.links.reload("mcx-b");
                String id = one.enqueue("mcx-b");
                assertThat(answered.await(20, TimeUnit.SECONDS)).as("B answered node-1").isTrue();
                long died = System.nanoTime();
                one.die();

                assertThat(acks.await(1)).containsExactly(new Outcome(id, "node-2", "stored"));
                log.info("FIGURE takeover: node-2 recorded B's answer {} ms after node-1 died (lease {} ms, renewals"
                        + " every {} ms)", (System.nanoTime() - died) / 1_000_000, defaults.lease().toMillis(),
                        defaults.renewEvery().toMillis());
                assertThat(two.waiting("mcx-b")).isZero();
                Exchange.Requests atB = adminB.call(MessageType.SERVER_IDENTITY_LIST,
                        new Exchange.ListRequests(Exchange.Direction.INCOMING, null));
                assertThat(atB.requests()).as("B stored the request once, though it answered it twice")
                        .singleElement().satisfies(r -> {
                            assertThat(r.requestId()).isEqualTo(id);
                            assertThat(r.status()).isEqualTo(Exchange.Status.PENDING_APPROVAL);
                        });
            } finally {
                one.close();
            }
        }
    }
}
