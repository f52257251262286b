package org.mcx.backend.acms.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.acms.outbox.RecordingAcks.Outcome;
import org.mcx.backend.store.Database;
import org.mcx.backend.store.Sql;
import org.mcx.backend.store.StoreConfig;
import org.mcx.backend.testing.TestStores;

/** A send made under a fence has no effect once its node has lost that fence. */
class PartnerOwnerFenceTest {
    @TempDir
    Path dir;

    private StoreConfig store() {
        return TestStores.store(dir, Database.Durability.PROCESS_CRASH);
    }

    @Test
    void anOutcomeRecordedUnderAnOlderFenceChangesNothing() throws Exception {
        RecordingAcks acks = new RecordingAcks();
        try (TestNode node = TestNode.open(store(), "node-1")) {
            node.addPartner("mcx-b", "ws://127.0.0.1:9/acms", "secret-0123456789");
            Outbox outbox = new Outbox(node.ctx.codec(), partner -> { });
            OutboxNode.enqueue(node, outbox, "mcx-b");
            OutboxEntry entry = node.ctx.db().read(c -> outbox.head(c, "mcx-b")).join().orElseThrow();
            node.ctx.db().write(tx -> Sql.update(tx.connection(), "INSERT INTO partner_link_owner VALUES"
                    + " ('mcx-b', 'node-2', 2, 0, FALSE)")).join(); // node-2 took it from node-1's fence 1
            SendOutcomes stale = new SendOutcomes(node.ctx.db(), outbox, acks.forNode("node-1", null),
                    new Lease("mcx-b", "node-1", 1));
            SendOutcomes current = new SendOutcomes(node.ctx.db(), outbox, acks.forNode("node-2", null),
                    new Lease("mcx-b", "node-2", 2));

            assertThat(stale.stored(entry).join()).as("no longer held").isFalse();
            assertThat(stale.failed(entry, "IOException: gone").join()).isFalse();
            assertThat(stale.refused(entry, "NOT_FOUND").join()).isFalse();
            assertThat(node.ctx.db().read(c -> outbox.head(c, "mcx-b")).join()).as("untouched").contains(entry);
            assertThat(acks.outcomes()).isEmpty();

            assertThat(current.stored(entry).join()).isTrue();
            assertThat(current.stored(entry).join()).as("a repeated answer: still held, nothing more").isTrue();
            assertThat(node.ctx.db().read(c -> outbox.head(c, "mcx-b")).join()).isEmpty();
            assertThat(acks.outcomes()).containsExactly(new Outcome(entry.requestId(), "node-2", "stored"));
        }
    }

    @Test
    void theAnswerToANodeThatLostThePartnerMeanwhileHasNoEffect() throws Exception {
        assumeTrue(TestStores.onPostgres(), "two nodes on one database need PostgreSQL: an H2 file is one process's");
        // Rounds only at start and when asked: the test moves the lease itself.
        OwnershipConfig onDemand = new OwnershipConfig(Duration.ofHours(1), Duration.ofHours(2), Duration.ofMillis(200),
                false);
        RecordingAcks acks = new RecordingAcks();
        try (ScriptedPartner partner = ScriptedPartner.start();
             OutboxNode one = OutboxNode.start(store(), "node-1", onDemand, acks, null)) {
            partner.holdAnswers();
            one.node.addPartner("mcx-b", partner.endpoint(), ScriptedPartner.SECRET);
            one.links.reload("mcx-b"); // as partners.save does after its commit
            String id = one.enqueue("mcx-b");
            ScriptedPartner.Receipt first = partner.awaitReceipt();
            assertThat(first.requestId()).isEqualTo(id);

            try (OutboxNode two = OutboxNode.start(store(), "node-2", onDemand, acks, null)) {
                // node-1 stalls for longer than its lease (its answer is still on the wire) and node-2 claims
                one.node.ctx.db().write(tx -> Sql.update(tx.connection(), "UPDATE partner_link_owner SET lease_until = 0"))
                        .join();
                int before = two.links.ownership().rounds();
                two.links.ownership().checkNow();
                awaitRounds(two, before + 1);
                assertThat(one.node.ownerRow("mcx-b")).startsWith("node-2", 2L);
                ScriptedPartner.Receipt second = partner.awaitReceipt();
                assertThat(second.requestId()).isEqualTo(id);
                assertThat(second.session()).as("sent again by node-2's own link").isNotSameAs(first.session());

                // node-1's answer arrives after all: it records nothing, sends nothing more, and lets the partner go
                int oneBefore = one.links.ownership().rounds();
                first.reply();
                awaitRounds(one, oneBefore + 1); // the round its fenced-out record asked for
                assertThat(acks.outcomes()).isEmpty();
                assertThat(one.waiting("mcx-b")).as("still waiting for node-2's answer").isEqualTo(1);

                second.reply();
                assertThat(acks.await(1)).containsExactly(new Outcome(id, "node-2", "stored"));
                assertThat(two.waiting("mcx-b")).isZero();
                assertThat(partner.receipts()).hasSize(2);
            }
        }
    }

    private static void awaitRounds(OutboxNode node, int n) throws InterruptedException {
        long deadline = System.nanoTime() + RecordingAcks.WAIT.toNanos();
        while (node.links.ownership().rounds() < n) {
            assertThat(System.nanoTime()).as(node.instance() + " ran no round").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
