package org.mcx.backend.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.mcx.backend.store.Database;
import org.mcx.backend.store.PostgresConfig;
import org.mcx.backend.store.StoreConfig;
import org.mcx.backend.testing.TestPostgres;
import org.mcx.backend.testing.TestStores;

/**
 * Failed log-ons of one name on two nodes at the same instant count together: with a limit of two,
 * two simultaneous failures lock the name. (Each transaction alone sees only its own new row until
 * the other commits, so counted side by side both found one failure and neither locked.)
 */
class LockoutAcrossNodesTest {
    private static final IdentityConfig TWO_STRIKES = new IdentityConfig(Passwords.DEFAULT_ITERATIONS, 2,
            Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofHours(12), Duration.ofHours(1), 32);

    @Test
    void twoFailuresOnTwoNodesAtOnceReachTheLimit() throws Exception {
        assumeTrue(TestStores.onPostgres(), "several nodes share a PostgreSQL database; one process owns an H2 file");
        PostgresConfig shared = TestPostgres.newDatabase();
        LoginGuard guard = new LoginGuard(TWO_STRIKES);
        try (Database a = open(shared); Database b = open(shared)) {
            for (int round = 0; round < 5; round++) {
                String name = "mallory-" + round;
                Instant now = Instant.now();
                CyclicBarrier together = new CyclicBarrier(2);
                List<CompletableFuture<Optional<Instant>>> failures = List.of(a, b).stream()
                        .map(db -> db.write(tx -> {
                            await(together);
                            return guard.failed(tx, name, now);
                        })).toList();
                long locking = failures.stream().map(CompletableFuture::join).filter(Optional::isPresent).count();
                assertThat(locking).as("round %d: the failure that reached the limit locked the name", round).isEqualTo(1);
                assertThat(a.read(c -> guard.lockedUntil(c, name, now.plusSeconds(1))).join()).as("locked, seen from either node")
                        .isPresent();
            }
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Database open(PostgresConfig pg) {
        return Database.open(new StoreConfig(null, Database.Durability.PROCESS_CRASH).withPostgres(pg));
    }
}
