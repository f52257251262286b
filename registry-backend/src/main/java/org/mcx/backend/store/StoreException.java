package org.mcx.backend.store;

/** A database failure; answered to peers as INTERNAL without detail. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
