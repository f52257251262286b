package org.mcx.backend.store;

import java.sql.SQLException;

/**
 * The database server cannot be reached at start (down, wrong address, refused log-in). Unlike a
 * {@link StoreRefusedException}, starting again later may well succeed, so the service manager
 * should retry; the message says what failed without a stack trace.
 */
public final class StoreUnreachableException extends StoreException {
    public StoreUnreachableException(String where, SQLException cause) {
        super("cannot reach the database at " + where + ": " + cause.getMessage(), cause);
    }
}
