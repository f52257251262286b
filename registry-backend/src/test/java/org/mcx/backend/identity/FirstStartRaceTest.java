package org.mcx.backend.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.mcx.backend.store.Database;
import org.mcx.backend.store.PostgresConfig;
import org.mcx.backend.store.StoreConfig;
import org.mcx.backend.testing.TestPostgres;
import org.mcx.backend.testing.TestStores;

/**
 * Two nodes making the token-signing key of an empty database at the same instant end up with
 * one key between them (the loser of the race reads the winner's), never a failed start.
 */
class FirstStartRaceTest {
    @Test
    void twoNodesMakingTheKeyTogetherShareOne() throws Exception {
        assumeTrue(TestStores.onPostgres(), "several nodes share a PostgreSQL database; one process owns an H2 file");
        for (int round = 0; round < 10; round++) {
            PostgresConfig shared = TestPostgres.newDatabase();
            try (Database a = open(shared); Database b = open(shared)) {
                CyclicBarrier together = new CyclicBarrier(2);
                List<CompletableFuture<TokenSigner>> made = List.of(a, b).stream()
                        .map(db -> CompletableFuture.supplyAsync(() -> {
                            await(together);
                            return TokenSigner.loadOrCreate(db);
                        })).toList();
                assertThat(made.get(0).join().publicKey()).isEqualTo(made.get(1).join().publicKey());
            }
        }
    }

    private static Database open(PostgresConfig pg) {
        return Database.open(new StoreConfig(null, Database.Durability.PROCESS_CRASH).withPostgres(pg));
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
