package org.mcx.backend.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.applications.Harness.MCPTT;
import static org.mcx.backend.applications.Harness.newProfile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.client.RemoteException;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceInterfaceDescription;
import org.mcx.protocol.wire.MessageType;

/**
 * Two nodes saving the same profile version at the same instant: one save wins, the other is told
 * of a conflict — never an internal error. (The version was read without a lock, so the losing
 * node's update, having waited for the winner's row, found no row at its version and failed as if
 * the writer thread had broken its own invariant.) A deletion racing a save ends the same way.
 */
class ProfileRaceAcrossNodesTest {
    private static final int ROUNDS = 10;

    @TempDir
    Path dir;

    @Test
    void simultaneousSavesOfOneVersionOnTwoNodesGiveOneWinnerAndOneConflict() throws Exception {
        try (TwoNodes nodes = TwoNodes.start(dir)) {
            Harness one = nodes.one();
            Harness two = nodes.two();
            Console.ApplicationCreated app = one.createApplication("racer", false);
            ApplicationProfile current = one.saveProfile(newProfile(app.applicationId(), MCPTT), 0);
            for (int round = 0; round < ROUNDS; round++) {
                List<CompletableFuture<Console.ProfileSaved>> saves = new ArrayList<>();
                for (Harness node : List.of(one, two)) {
                    saves.add(node.admin().request(MessageType.PROFILES_SAVE,
                            new Console.SaveProfile(described(current, "round " + round + " via " + saves.size()),
                                    current.version()), Console.ProfileSaved.class));
                }
                List<ApplicationProfile> won = new ArrayList<>();
                for (CompletableFuture<Console.ProfileSaved> save : saves) {
                    try {
                        won.add(save.get(10, TimeUnit.SECONDS).applicationProfile());
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).as("round %d: the loser's answer", round).isInstanceOf(RemoteException.class);
                        assertThat(((RemoteException) e.getCause()).code()).as("round %d: %s", round, e.getCause().getMessage())
                                .isEqualTo(ErrorCode.CONFLICT);
                    }
                }
                assertThat(won).as("round %d: exactly one save wins", round).hasSize(1);
                assertThat(won.get(0).version()).isEqualTo(current.version() + 1);
                current = won.get(0);
            }
            long kept = one.count("SELECT COUNT(*) FROM profile_versions WHERE application_profile_id = ?",
                    current.applicationProfileId());
            assertThat(kept).as("one history row per version, none from a losing save").isEqualTo(ROUNDS + 1);

            CompletableFuture<?> delete = one.admin().request(MessageType.PROFILES_DELETE,
                    new Console.DeleteProfile(current.applicationProfileId(), current.version()), org.mcx.protocol.message.Common.Empty.class);
            CompletableFuture<?> save = two.admin().request(MessageType.PROFILES_SAVE,
                    new Console.SaveProfile(described(current, "late"), current.version()), Console.ProfileSaved.class);
            int conflicts = 0;
            for (CompletableFuture<?> f : List.of(delete, save)) {
                try {
                    f.get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    RemoteException refused = (RemoteException) e.getCause();
                    assertThat(refused.code()).as(refused.getMessage()).isIn(ErrorCode.CONFLICT, ErrorCode.NOT_FOUND);
                    conflicts++;
                }
            }
            assertThat(conflicts).as("a deletion and a save of one version: one of them is refused").isEqualTo(1);
        }
    }

    @Test
    void profilesCreatedForOneApplicationOnTwoNodesAtOnceTakeDistinctIndexes() throws Exception {
        try (TwoNodes nodes = TwoNodes.start(dir)) {
            Harness one = nodes.one();
            Harness two = nodes.two();
            for (int round = 0; round < ROUNDS; round++) {
                Console.ApplicationCreated app = one.createApplication("indexer-" + round, false);
                CompletableFuture<Console.ProfileSaved> first = one.admin().request(MessageType.PROFILES_SAVE,
                        new Console.SaveProfile(newProfile(app.applicationId(), MCPTT), 0L), Console.ProfileSaved.class);
                CompletableFuture<Console.ProfileSaved> second = two.admin().request(MessageType.PROFILES_SAVE,
                        new Console.SaveProfile(newProfile(app.applicationId(), Harness.MCVIDEO), 0L),
                        Console.ProfileSaved.class);
                int a = first.get(10, TimeUnit.SECONDS).applicationProfile().applicationProfileIndex();
                int b = second.get(10, TimeUnit.SECONDS).applicationProfile().applicationProfileIndex();
                assertThat(List.of(a, b)).as("round %d: the two profiles' indexes", round).containsExactlyInAnyOrder(1, 2);
            }
        }
    }

    private static ApplicationProfile described(ApplicationProfile p, String feature) {
        return new ApplicationProfile(p.applicationProfileId(), p.applicationProfileIndex(), p.applicationId(),
                p.authorizedService(), p.serviceLocation(),
                new ServiceInterfaceDescription(List.of("SIP"), List.of(feature), List.of("INVITE")),
                p.version(), p.updatedAt(), p.updatedBy());
    }
}
