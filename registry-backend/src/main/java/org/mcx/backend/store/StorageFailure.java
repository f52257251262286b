package org.mcx.backend.store;

import java.io.IOException;
import java.sql.SQLException;

/** Tells a failure of the storage itself (full disk, database closed under us) from a failing statement. */
final class StorageFailure {
    /** H2: "The database has been closed" — it closed itself after an I/O failure. */
    private static final int DATABASE_IS_CLOSED = 90098;

    private StorageFailure() {
    }

    static boolean isDiskFull(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (t instanceof IOException && message != null
                    && (message.contains("No space left on device") || message.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /** The database is gone until reopened: H2 closed it, or its file could not be written. */
    static boolean isStoreLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && e.getErrorCode() == DATABASE_IS_CLOSED) {
                return true;
            }
            if (t instanceof IOException || t.getClass().getName().equals("org.h2.mvstore.MVStoreException")) {
                return true;
            }
        }
        return false;
    }
}
