package org.mcx.backend.acms;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.BackendProcess;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange.Direction;
import org.mcx.protocol.message.Exchange.Status;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;

/**
 * kill -9 between steps, on either side: the system that dies is a child process on a fixed port
 * (so its partner finds it again), the other runs in the test. Nothing acknowledged is lost and
 * nothing arrives twice.
 */
class AcmsCrashTest {
    static final String[] FAST_OUTBOX = {"--outbox-min-delay-ms", "50", "--outbox-max-delay-ms", "500"};

    @TempDir
    Path dir;

    @Test
    void primaryKilledRightAfterStep1AndAgainBeforeStep14LosesNothingAndRepeatsNothing() throws Exception {
        int portA = freePort();
        URI baseA = URI.create("ws://127.0.0.1:" + portA);
        try (BackendFixture b = BackendFixture.start(dir.resolve("b"), AcmsPair.B, c -> c)) {
            ConsoleLink adminB = ConsoleLink.login(b.base(), BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD).follow(0L);
            AcmsPair.user(adminB, "vera", List.of(org.mcx.protocol.Role.APPROVER), true);
            partner(adminB, AcmsPair.A, baseA, false);
            List<String> made = new ArrayList<>();
            BackendProcess a = BackendProcess.start(dir.resolve("a"), AcmsPair.A, portA, FAST_OUTBOX);
            try (ConsoleLink adminA = ConsoleLink.login(baseA, BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD)) {
                AcmsPair.user(adminA, "alice", List.of(), true);
                partner(adminA, AcmsPair.B, b.base(), false);
                for (int i = 0; i < 3; i++) {
                    Exchange.Created created = adminA.call(MessageType.SERVER_IDENTITY_CREATE,
                            new Exchange.CreateRequest(AcmsPair.B, List.of("alice")));
                    made.add(created.requestId());
                }
                a.kill9(); // acknowledged, perhaps forwarded, perhaps not
            }

            a = BackendProcess.start(dir.resolve("a"), AcmsPair.A, portA, FAST_OUTBOX);
            List<String> arrived = new ArrayList<>();
            for (int i = 0; i < made.size(); i++) {
                arrived.add(adminB.awaitEvent(e -> e.topic().equals("serverIdentity.pending"), "pending")
                        .data().path("requestId").asText());
            }
            assertThat(arrived).containsExactlyElementsOf(made);
            try (ConsoleLink adminA = ConsoleLink.login(baseA, BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD).follow(0L)) {
                for (String id : made) {
                    adminA.awaitEvent("serverIdentity.stored", id);
                }
            }
            a.kill9();

            // Steps 11-13 while the primary is dead; it is killed again as soon as it says it stored the response.
            try (ConsoleLink vera = ConsoleLink.login(b.base(), "vera", AcmsPair.PASSWORD)) {
                vera.call(MessageType.SERVER_IDENTITY_DECIDE,
                        new Exchange.Decide(made.get(0), Exchange.ApproverDecision.APPROVE, "after the crash"));
            }
            a = BackendProcess.start(dir.resolve("a"), AcmsPair.A, portA, FAST_OUTBOX);
            try (ConsoleLink adminA = ConsoleLink.login(baseA, BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD).follow(0L)) {
                adminA.awaitEvent("serverIdentity.responseStored", made.get(0));
                a.kill9();
            }
            a = BackendProcess.start(dir.resolve("a"), AcmsPair.A, portA, FAST_OUTBOX);
            try (ConsoleLink adminA = ConsoleLink.login(baseA, BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD).follow(0L)) {
                Exchange.Requests responses = adminA.call(MessageType.SERVER_IDENTITY_RESPONSES, new Common.Empty());
                assertThat(responses.requests()).extracting(Exchange.Request::requestId).containsExactly(made.get(0));
                assertThat(adminA.requests(Direction.OUTGOING)).hasSize(3);
                assertThat(adminA.eventsSoFar().stream().filter(e -> e.topic().equals("serverIdentity.stored")))
                        .as("one stored indication per request").hasSize(3);
                AcmsExchangeTest.awaitStatus(adminB, made.get(0), Status.RESPONDED);
            } finally {
                a.close();
            }
            assertThat(adminB.requests(Direction.INCOMING)).hasSize(3);
            adminB.close();
        }
    }

    @Test
    void partnerKilledBetweenStep5AndStep13StillAnswersOnce() throws Exception {
        int portB = freePort();
        URI baseB = URI.create("ws://127.0.0.1:" + portB);
        try (BackendFixture a = BackendFixture.start(dir.resolve("a"), AcmsPair.A, c -> c);
             ConsoleLink adminA = ConsoleLink.login(a.base(), BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD).follow(0L)) {
            AcmsPair.user(adminA, "bob", List.of(), true);
            partner(adminA, AcmsPair.B, baseB, false);
            BackendProcess b = BackendProcess.start(dir.resolve("b"), AcmsPair.B, portB, FAST_OUTBOX);
            try (ConsoleLink adminB = ConsoleLink.login(baseB, BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD)) {
                partner(adminB, AcmsPair.A, a.base(), true); // answers by policy at once
                adminA.awaitEvent("partner.connected", null);
            }
            String id = ((Exchange.Created) adminA.call(MessageType.SERVER_IDENTITY_CREATE,
                    new Exchange.CreateRequest(AcmsPair.B, List.of("bob")))).requestId();
            adminA.awaitEvent("serverIdentity.stored", id);
            b.kill9(); // its answer may be in its outbox, on the wire, or already stored here

            b = BackendProcess.start(dir.resolve("b"), AcmsPair.B, portB, FAST_OUTBOX);
            try (ConsoleLink adminB = ConsoleLink.login(baseB, BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD)) {
                adminA.awaitEvent("serverIdentity.responseStored", id);
                AcmsExchangeTest.awaitStatus(adminB, id, Status.RESPONDED);
                assertThat(adminB.requests(Direction.INCOMING)).hasSize(1);
            } finally {
                b.close();
            }
            assertThat(adminA.eventsSoFar()).filteredOn(e -> e.topic().equals("serverIdentity.responseStored")).isEmpty();
            assertThat(adminA.request(id).response().decidedBy()).isEqualTo("policy");
        }
    }

    static void partner(ConsoleLink admin, String systemId, URI base, boolean auto) throws Exception {
        admin.call(MessageType.PARTNERS_SAVE, new Console.SavePartner(systemId, "System " + systemId, base + "/acms",
                AcmsPair.SECRET, new Console.AutoApprove(auto, 100)));
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
