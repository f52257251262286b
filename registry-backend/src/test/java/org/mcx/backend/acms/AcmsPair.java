package org.mcx.backend.acms;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Acms.ServerIdentity;
import org.mcx.protocol.message.Acms.ServerType;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;

/**
 * Two real systems on loopback, each with its own data directory and port: {@code mcx-a} (the
 * primary, whose users migrate) and {@code mcx-b} (the partner). Both know each other with the same
 * shared secret. On A: alice and bob may migrate, carol may not, olga is an APPROVER. On B: vera is
 * an APPROVER, and B's server identities have defaults and an override for alice.
 */
final class AcmsPair implements AutoCloseable {
    static final String A = "mcx-a";
    static final String B = "mcx-b";
    static final String SECRET = "pair-secret-0123456789";
    static final String PASSWORD = "user-password-1";

    final BackendFixture a;
    final BackendFixture b;
    ConsoleLink adminA;
    ConsoleLink adminB;

    private AcmsPair(BackendFixture a, BackendFixture b) {
        this.a = a;
        this.b = b;
    }

    /** Both systems up and linked; B answers by hand unless {@code autoApprove}. */
    static AcmsPair start(Path dir, boolean autoApprove, int maxUsers) throws Exception {
        AcmsPair pair = new AcmsPair(BackendFixture.start(dir.resolve("a"), A, c -> c),
                BackendFixture.start(dir.resolve("b"), B, c -> c));
        pair.adminA = ConsoleLink.login(pair.a.base(), BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD).follow(0L);
        pair.adminB = ConsoleLink.login(pair.b.base(), BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD).follow(0L);
        user(pair.adminA, "alice", List.of(), true);
        user(pair.adminA, "bob", List.of(), true);
        user(pair.adminA, "carol", List.of(), false);
        user(pair.adminA, "olga", List.of(Role.APPROVER), true);
        user(pair.adminB, "vera", List.of(Role.APPROVER), true);
        pair.adminB.call(MessageType.SERVER_IDENTITIES_SAVE, new Exchange.ServerIdentities(
                List.of(new ServerIdentity(ServerType.MCPTT, "sip:mcptt@b.example"),
                        new ServerIdentity(ServerType.GMS, "https://gms.b.example/gm"),
                        new ServerIdentity(ServerType.KMS, "https://kms.b.example/km")),
                List.of(new Exchange.Overrides("alice",
                        List.of(new ServerIdentity(ServerType.MCPTT, "sip:mcptt-east@b.example"))))));
        pair.partner(pair.adminA, B, pair.b.base(), SECRET, false, 1000, null);
        pair.partner(pair.adminB, A, pair.a.base(), SECRET, autoApprove, maxUsers,
                List.of(ServerType.MCPTT, ServerType.GMS));
        pair.adminA.awaitEvent("partner.connected", null);
        pair.adminB.awaitEvent("partner.connected", null);
        return pair;
    }

    static void user(ConsoleLink admin, String id, List<Role> roles, boolean mayMigrate) throws Exception {
        admin.call(MessageType.USERS_SAVE, new Console.SaveUser(id, id.toUpperCase(), roles, false, List.of(),
                mayMigrate, PASSWORD));
    }

    Console.Partner partner(ConsoleLink admin, String systemId, URI base, String secret, boolean auto, int maxUsers,
                            List<ServerType> disclose) throws Exception {
        return admin.call(MessageType.PARTNERS_SAVE, new Console.SavePartner(systemId, "System " + systemId,
                base + "/acms", secret, new Console.AutoApprove(auto, maxUsers), disclose));
    }

    String create(String... users) throws Exception {
        Exchange.Created created = adminA.call(MessageType.SERVER_IDENTITY_CREATE,
                new Exchange.CreateRequest(B, List.of(users)));
        return created.requestId();
    }

    ConsoleLink approverB() throws Exception {
        return ConsoleLink.login(b.base(), "vera", PASSWORD);
    }

    /** After a restart: new console sessions on both sides. */
    void relogin(Long sinceA, Long sinceB) throws Exception {
        adminA.close();
        adminB.close();
        adminA = ConsoleLink.login(a.base(), BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD).follow(sinceA);
        adminB = ConsoleLink.login(b.base(), BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD).follow(sinceB);
    }

    @Override
    public void close() {
        if (adminA != null) {
            adminA.close();
        }
        if (adminB != null) {
            adminB.close();
        }
        a.close();
        b.close();
    }
}
