package org.mcx.backend.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Refuses a downgrade before Flyway migrates. Flyway (13) validates on migrate, but its default
 * {@code ignoreMigrationPatterns} is {@code *:future}: migrations applied by a newer version and
 * unknown here are ignored, so an older backend would start on a newer schema and misbehave
 * quietly. This check turns that case into a refusal.
 */
final class SchemaGuard {
    private SchemaGuard() {
    }

    static void refuseNewerSchema(Flyway flyway, String where) {
        MigrationVersion newestApplied = null;
        MigrationVersion newestKnown = MigrationVersion.EMPTY;
        boolean future = false;
        for (MigrationInfo m : flyway.info().all()) {
            if (!m.isVersioned()) {
                continue;
            }
            MigrationState state = m.getState();
            if (state == MigrationState.FUTURE_SUCCESS || state == MigrationState.FUTURE_FAILED) {
                future = true;
                if (newestApplied == null || m.getVersion().isNewerThan(newestApplied)) {
                    newestApplied = m.getVersion();
                }
            } else if (state.isResolved() && m.getVersion().isNewerThan(newestKnown)) {
                newestKnown = m.getVersion();
            }
        }
        if (future) {
            throw new NewerSchemaException(where, newestApplied.getVersion(), newestKnown.getVersion());
        }
    }
}
