package org.mcx.backend.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Which failures are the storage's (answered UNAVAILABLE) and which a statement's (INTERNAL), by
 * the codes H2 and PostgreSQL give. PostgreSQL's full disk cannot be made here without a root to
 * mount a small filesystem under its data directory, so its SQLState is checked as the server sends it.
 */
class StorageFailureTest {
    @Test
    void postgresFullDiskReadOnlyAndShortResourcesRefuseWritesWithoutLosingTheConnection() {
        SQLException full = new SQLException("could not extend file: No space left on device", "53100");
        assertThat(StorageFailure.writesRefused(full)).isEqualTo(StoreAvailability.FULL);
        assertThat(StorageFailure.isDiskFull(full)).isTrue();
        assertThat(StorageFailure.isStoreLost(full)).isFalse();
        assertThat(StorageFailure.writesRefused(new SQLException("cannot execute INSERT in a read-only transaction", "25006")))
                .isEqualTo(StorageFailure.READ_ONLY);
        assertThat(StorageFailure.writesRefused(new SQLException("out of memory", "53200"))).isEqualTo(StorageFailure.STRAINED);
    }

    @Test
    void postgresConnectionFailuresAndShutdownsLoseTheStore() {
        for (String state : new String[] {"08006", "08003", "57P01", "57P02", "57P03"}) {
            assertThat(StorageFailure.isStoreLost(new SQLException("gone", state))).as(state).isTrue();
        }
        assertThat(StorageFailure.connectFailure(new RuntimeException(new SQLException("password authentication failed", "28P01"))) != null)
                .as("a refused log-in is a failure to connect").isTrue();
    }

    @Test
    void aFailingStatementIsNeitherLostNorRefused() {
        SQLException duplicate = new SQLException("duplicate key value violates unique constraint", "23505");
        assertThat(StorageFailure.isStoreLost(duplicate)).isFalse();
        assertThat(StorageFailure.writesRefused(duplicate)).isNull();
        assertThat(StorageFailure.connectFailure(duplicate) == null).isTrue();
        assertThat(StorageFailure.isStoreLost(new SQLException(new IOException("No space left on device")))).isTrue();
    }
}
