package org.mcx.backend.store;

/**
 * The data directory cannot be served as it is, and starting again will not change that: the
 * message says why and what to do, in words an operator acts on; the start is refused.
 */
public class StoreRefusedException extends StoreException {
    public StoreRefusedException(String message) {
        super(message, null);
    }
}
