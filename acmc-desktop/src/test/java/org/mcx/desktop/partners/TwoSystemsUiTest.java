package org.mcx.desktop.partners;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.desktop.testing.FxTest;
import org.mcx.desktop.testing.Problems;
import org.mcx.desktop.testing.TestBackend;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/**
 * Two real backends named each other's partners (mcx-a, the primary, and mcx-b), for the partner
 * requests' UI tests: on the primary alice and bob, who may migrate, and a user per role but ADMIN;
 * uncaught FX exceptions watched.
 */
abstract class TwoSystemsUiTest extends FxTest {
    static final String PASSWORD = "console-password";

    @TempDir
    Path dir;
    TestBackend primary;
    TestBackend partner;
    Problems problems;

    @BeforeEach
    void startBothSystems() throws Exception {
        primary = TestBackend.start(dir.resolve("a"), "mcx-a");
        partner = TestBackend.start(dir.resolve("b"), "mcx-b");
        primary.pairWith(partner);
        for (String user : List.of("alice", "bob")) {
            primary.call(MessageType.USERS_SAVE, new Console.SaveUser(user, user.substring(0, 1).toUpperCase() + user.substring(1)
                    + " Martin", List.of(), false, List.of(), true, "user-password"));
        }
        primary.addRoleUsers(PASSWORD);
        seed();
        problems = Problems.watch();
    }

    /** What a test class adds to either system before it starts. */
    void seed() throws Exception {
    }

    @AfterEach
    void stopBothSystems() throws Exception {
        closeConsoles();
        if (problems != null) {
            problems.close();
        }
        primary.close();
        partner.close();
    }
}
