package org.mcx.backend.applications;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.mcx.backend.store.PostgresConfig;
import org.mcx.backend.testing.TestPostgres;
import org.mcx.backend.testing.TestStores;

/**
 * Two backend nodes of one system on one fresh PostgreSQL database, a {@link Harness} each, for the
 * tests of what two nodes do at the same instant. On H2 the calling test is skipped: one process
 * owns an H2 file.
 */
record TwoNodes(Harness one, Harness two) implements AutoCloseable {
    static TwoNodes start(Path dir) throws Exception {
        assumeTrue(TestStores.onPostgres(), "several nodes share a PostgreSQL database; one process owns an H2 file");
        PostgresConfig shared = TestPostgres.newDatabase();
        Harness one = Harness.start(dir.resolve("one"), c -> c.withDatabase(shared));
        try {
            return new TwoNodes(one, Harness.start(dir.resolve("two"), c -> c.withDatabase(shared)));
        } catch (Exception | Error e) {
            one.close();
            throw e;
        }
    }

    @Override
    public void close() {
        two.close();
        one.close();
    }
}
