package org.mcx.backend.acms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.store.PostgresConfig;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.TestPostgres;
import org.mcx.backend.testing.TestStores;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.message.Exchange.Direction;
import org.mcx.protocol.message.Exchange.Status;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two backend nodes of system A on one PostgreSQL database and a partner system B: one node holds
 * B's link and sends what was asked for on either node; both say the same about the link; when that
 * node stops, the other takes the link over and every exchange still completes once.
 */
class PartnerOwnerClusterTest {
    private static final Logger log = LoggerFactory.getLogger(PartnerOwnerClusterTest.class);

    @TempDir
    Path dir;

    @Test
    void bothNodesExchangeThroughTheOneLinkAndTheOtherNodeTakesItOverWhenItsHolderStops() throws Exception {
        assumeTrue(TestStores.onPostgres(), "several nodes share a PostgreSQL database; one process owns an H2 file");
        PostgresConfig shared = TestPostgres.newDatabase();
        BackendFixture a1 = BackendFixture.start(dir.resolve("a1"), AcmsPair.A, c -> c.withDatabase(shared));
        BackendFixture a2 = BackendFixture.start(dir.resolve("a2"), AcmsPair.A, c -> c.withDatabase(shared));
        try (BackendFixture b = BackendFixture.start(dir.resolve("b"), AcmsPair.B, c -> c);
             ConsoleLink adminB = ConsoleLink.login(b.base(), BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD)) {
            ConsoleLink admin1 = ConsoleLink.login(a1.base(), BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD).follow(0L);
            ConsoleLink admin2 = ConsoleLink.login(a2.base(), BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD).follow(0L);
            AcmsPair.user(admin1, "alice", List.of(), true);
            AcmsPair.user(adminB, "vera", List.of(Role.APPROVER), true);
            savePartner(adminB, AcmsPair.A, a1);
            savePartner(admin2, AcmsPair.B, b);
            admin1.awaitEvent("partner.connected", null);

            // B reaches A through the node that will survive (one address for a partner, as a load balancer's would be).
            boolean firstHolds = holder(shared).equals(a1.backend().context().instanceId());
            BackendFixture holder = firstHolds ? a1 : a2;
            BackendFixture survivor = firstHolds ? a2 : a1;
            ConsoleLink atHolder = firstHolds ? admin1 : admin2;
            ConsoleLink atSurvivor = firstHolds ? admin2 : admin1;
            savePartner(adminB, AcmsPair.A, survivor);
            for (ConsoleLink admin : List.of(admin1, admin2)) {
                Console.Partners partners = admin.call(MessageType.PARTNERS_LIST, new Common.Empty());
                assertThat(partners.partners()).singleElement().satisfies(p -> assertThat(p.connected())
                        .as("every node answers from the shared row").isTrue());
            }

            String onHolder = create(atHolder);
            String onSurvivor = create(atSurvivor); // sent by the holder, which polls its outbox
            atSurvivor.awaitEvent("serverIdentity.stored", onHolder);
            atSurvivor.awaitEvent("serverIdentity.stored", onSurvivor);

            long stopping = System.nanoTime();
            atHolder.close();
            holder.close(); // its link says disconnected, then its lease is released
            atSurvivor.awaitEvent("partner.disconnected", null);
            atSurvivor.awaitEvent("partner.connected", null);
            log.info("FIGURE handover: the surviving node's link was up {} ms after the holder began to stop",
                    (System.nanoTime() - stopping) / 1_000_000);
            assertThat(holder(shared)).isEqualTo(survivor.backend().context().instanceId());

            String afterwards = create(atSurvivor);
            try (ConsoleLink vera = ConsoleLink.login(b.base(), "vera", AcmsPair.PASSWORD)) {
                vera.call(MessageType.SERVER_IDENTITY_DECIDE,
                        new Exchange.Decide(onHolder, Exchange.ApproverDecision.APPROVE, null));
            }
            atSurvivor.awaitEvent("serverIdentity.stored", afterwards);
            atSurvivor.awaitEvent("serverIdentity.responseStored", onHolder);

            assertThat(adminB.requests(Direction.INCOMING)).extracting(Exchange.Request::requestId)
                    .containsExactlyInAnyOrder(onHolder, onSurvivor, afterwards);
            assertThat(atSurvivor.eventsSoFar()).filteredOn(e -> e.topic().equals("serverIdentity.stored"))
                    .as("each stored once").isEmpty();
            assertThat(atSurvivor.request(onHolder).status()).isEqualTo(Status.RESPONSE_STORED);
            atSurvivor.close();
        } finally {
            a1.close();
            a2.close();
        }
    }

    private static void savePartner(ConsoleLink admin, String systemId, BackendFixture at) throws Exception {
        admin.call(MessageType.PARTNERS_SAVE, new Console.SavePartner(systemId, "System " + systemId, at.base() + "/acms",
                AcmsPair.SECRET, new Console.AutoApprove(false, 100), null, null));
    }

    private static String create(ConsoleLink admin) throws Exception {
        Exchange.Created created = admin.call(MessageType.SERVER_IDENTITY_CREATE,
                new Exchange.CreateRequest(AcmsPair.B, List.of("alice")));
        return created.requestId();
    }

    /** Which node holds B's link, from the shared database. */
    private static String holder(PostgresConfig db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT owner_instance FROM partner_link_owner WHERE partner_system_id = '"
                     + AcmsPair.B + "'")) {
            assertThat(rs.next()).as("B's link is held").isTrue();
            return rs.getString(1);
        }
    }
}
