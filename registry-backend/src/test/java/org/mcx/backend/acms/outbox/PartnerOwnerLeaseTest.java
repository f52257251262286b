package org.mcx.backend.acms.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.acms.outbox.OwnershipProbe.Change;
import org.mcx.backend.store.Database;
import org.mcx.backend.store.PostgresConfig;
import org.mcx.backend.store.Sql;
import org.mcx.backend.store.StoreConfig;
import org.mcx.backend.testing.TestStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who holds a partner's outbox: claimed at once by a lone node, renewed while its node lives, taken
 * over once the lease runs out, let go as soon as a round finds another owner, handed over at once
 * by a clean stop. Rounds are waited for, never time: where a lease must run out, the test either
 * moves {@code lease_until} itself or waits for the takeover and logs how long it took.
 */
class PartnerOwnerLeaseTest {
    private static final Logger log = LoggerFactory.getLogger(PartnerOwnerLeaseTest.class);
    private static final String TWO_NODES = "two nodes on one database need PostgreSQL: an H2 file is one process's";
    /** Rounds only when a test asks (and the first at start). */
    private static final Duration NEVER = Duration.ofHours(1);

    @TempDir
    Path dir;

    private StoreConfig store() {
        return TestStores.store(dir, Database.Durability.PROCESS_CRASH);
    }

    private OwnershipConfig onDemand() {
        return new OwnershipConfig(NEVER, NEVER.multipliedBy(2), Duration.ofSeconds(1), !TestStores.onPostgres());
    }

    @Test
    void aLoneNodeHoldsEveryPartnerAtItsFirstRound() throws Exception {
        TestNode node = TestNode.open(store(), "node-1");
        for (String p : new String[] {"mcx-b", "mcx-c", "mcx-d"}) {
            node.addPartner(p, "ws://127.0.0.1:9/acms", "secret-0123456789");
        }
        try (OwnershipProbe probe = new OwnershipProbe(node, onDemand()).start()) {
            assertThat(probe.drain()).containsExactly(Change.gained("mcx-b", 1), Change.gained("mcx-c", 1),
                    Change.gained("mcx-d", 1));
            Object[] row = node.ownerRow("mcx-c");
            assertThat(row).startsWith("node-1", 1L);
            assertThat(row[3]).as("connected").isEqualTo(false);
        }
    }

    @Test
    void aRowLeftByAnEarlierProcessIsTakenAtOnceOnH2AndWhenItsLeaseRunsOutOnPostgres() throws Exception {
        TestNode node = TestNode.open(store(), "node-2");
        node.addPartner("mcx-b", "ws://127.0.0.1:9/acms", "secret-0123456789");
        node.ctx.db().write(tx -> Sql.update(tx.connection(), "INSERT INTO partner_link_owner VALUES"
                + " ('mcx-b', 'killed-process', 4, ?, TRUE)", OwnerTable.now(tx.connection()) + 600_000)).join();
        try (OwnershipProbe probe = new OwnershipProbe(node, onDemand()).start()) {
            if (TestStores.onPostgres()) {
                assertThat(probe.drain()).as("another node may still be alive").isEmpty();
                node.ctx.db().write(tx -> Sql.update(tx.connection(), "UPDATE partner_link_owner SET lease_until = 0"))
                        .join(); // its lease runs out
                probe.roundNow();
            }
            assertThat(probe.drain()).containsExactly(Change.gained("mcx-b", 5));
            assertThat(node.ownerRow("mcx-b")[3]).as("the earlier link went with its process").isEqualTo(false);
            long told = node.ctx.db().read(c -> Sql.queryLong(c, "SELECT COUNT(*) FROM events"
                    + " WHERE topic = 'partner.disconnected'")).join();
            assertThat(told).isEqualTo(1);
        }
    }

    @Test
    void aRenewalThatFindsAHigherFenceLetsThePartnerGoAtOnce() throws Exception {
        TestNode node = TestNode.open(store(), "node-1");
        node.addPartner("mcx-b", "ws://127.0.0.1:9/acms", "secret-0123456789");
        try (OwnershipProbe probe = new OwnershipProbe(node, onDemand()).start()) {
            assertThat(probe.next()).isEqualTo(Change.gained("mcx-b", 1));
            node.ctx.db().write(tx -> Sql.update(tx.connection(), "UPDATE partner_link_owner SET owner_instance ="
                    + " 'node-2', fence = 2, lease_until = ?", OwnerTable.now(tx.connection()) + 600_000)).join();
            probe.roundNow();
            if (TestStores.onPostgres()) {
                assertThat(probe.drain()).containsExactly(Change.lost("mcx-b"));
            } else {
                // On H2 no other node can exist: the row was nobody's, and the node takes it back under a new fence.
                assertThat(probe.drain()).containsExactly(Change.lost("mcx-b"), Change.gained("mcx-b", 3));
            }
        }
    }

    @Test
    void aDeletedPartnerIsLetGo() throws Exception {
        TestNode node = TestNode.open(store(), "node-1");
        node.addPartner("mcx-b", "ws://127.0.0.1:9/acms", "secret-0123456789");
        try (OwnershipProbe probe = new OwnershipProbe(node, onDemand()).start()) {
            assertThat(probe.next()).isEqualTo(Change.gained("mcx-b", 1));
            node.ctx.db().write(tx -> Sql.update(tx.connection(), "DELETE FROM partners WHERE system_id = 'mcx-b'"))
                    .join();
            assertThat(node.ownerRow("mcx-b")).as("the row goes with the partner").isNull();
            probe.roundNow();
            assertThat(probe.drain()).containsExactly(Change.lost("mcx-b"));
        }
    }

    @Test
    void aRenewedPartnerStaysWithItsNodeWhileAnotherTriesToClaimIt() throws Exception {
        assumeTrue(TestStores.onPostgres(), TWO_NODES);
        // Ten renewals per lease: only a node stalled for two seconds could lose the partner here.
        OwnershipConfig quick = new OwnershipConfig(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(1),
                false);
        TestNode first = TestNode.open(store(), "node-1");
        first.addPartner("mcx-b", "ws://127.0.0.1:9/acms", "secret-0123456789");
        try (OwnershipProbe one = new OwnershipProbe(first, quick).start();
             OwnershipProbe two = new OwnershipProbe(TestNode.open(store(), "node-2"), quick).start()) {
            assertThat(one.next()).isEqualTo(Change.gained("mcx-b", 1));
            long leaseBefore = (long) first.ownerRow("mcx-b")[2];
            two.awaitRounds(16); // 16 rounds 200 ms apart: longer than a lease
            assertThat(two.drain()).isEmpty();
            assertThat(one.drain()).isEmpty();
            Object[] row = first.ownerRow("mcx-b");
            assertThat(row[0]).isEqualTo("node-1");
            assertThat(row[1]).isEqualTo(1L);
            assertThat((long) row[2]).as("renewed").isGreaterThan(leaseBefore);
        }
    }

    @Test
    void aNodeThatStopsRenewingIsTakenOverWhenItsLeaseRunsOut() throws Exception {
        assumeTrue(TestStores.onPostgres(), TWO_NODES);
        OwnershipConfig defaults = OwnershipConfig.defaults(false);
        TestNode first = TestNode.open(store(), "node-1");
        first.addPartner("mcx-b", "ws://127.0.0.1:9/acms", "secret-0123456789");
        try (OwnershipProbe one = new OwnershipProbe(first, defaults).start();
             OwnershipProbe two = new OwnershipProbe(TestNode.open(store(), "node-2"), defaults).start()) {
            assertThat(one.next()).isEqualTo(Change.gained("mcx-b", 1));
            assertThat(two.drain()).isEmpty();
            long frozen = System.nanoTime();
            one.ownership.freeze(); // alive but silent, as a paused process
            assertThat(two.next()).isEqualTo(Change.gained("mcx-b", 2));
            log.info("FIGURE takeover: node-2 held the partner {} ms after node-1 stopped renewing (lease {} ms,"
                    + " renewals every {} ms)", (System.nanoTime() - frozen) / 1_000_000, defaults.lease().toMillis(),
                    defaults.renewEvery().toMillis());
            assertThat(first.ownerRow("mcx-b")).startsWith("node-2", 2L);
        }
    }

    @Test
    void aNodeThatCannotRenewInTimeLetsItsPartnersGoByItself() throws Exception {
        assumeTrue(TestStores.onPostgres(), "on H2 no other node can take a partner, so a node never gives one up");
        OwnershipConfig quick = new OwnershipConfig(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(1),
                false);
        TestNode node = TestNode.open(store(), "node-1");
        node.addPartner("mcx-b", "ws://127.0.0.1:9/acms", "secret-0123456789");
        PostgresConfig db = TestStores.postgresFor(dir);
        try (OwnershipProbe probe = new OwnershipProbe(node, quick).start();
             Connection blocker = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            assertThat(probe.next()).isEqualTo(Change.gained("mcx-b", 1));
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.executeQuery("SELECT * FROM partner_link_owner FOR UPDATE").close(); // renewals now wait
            }
            assertThat(probe.next()).as("given up once a lease has passed since it asked").isEqualTo(
                    Change.lost("mcx-b"));
            blocker.rollback();
            assertThat(probe.next()).as("the renewal went through after all").isEqualTo(Change.gained("mcx-b", 1));
        }
    }

    @Test
    void aCleanStopHandsThePartnersToTheNextNodeAtOnce() throws Exception {
        assumeTrue(TestStores.onPostgres(), TWO_NODES);
        TestNode first = TestNode.open(store(), "node-1");
        first.addPartner("mcx-b", "ws://127.0.0.1:9/acms", "secret-0123456789");
        try (OwnershipProbe one = new OwnershipProbe(first, onDemand()).start();
             OwnershipProbe two = new OwnershipProbe(TestNode.open(store(), "node-2"), onDemand()).start()) {
            assertThat(one.next()).isEqualTo(Change.gained("mcx-b", 1));
            assertThat(two.drain()).as("held for two hours").isEmpty();
            one.stopAndRelease();
            two.roundNow();
            assertThat(two.drain()).containsExactly(Change.gained("mcx-b", 2));
        }
    }
}
