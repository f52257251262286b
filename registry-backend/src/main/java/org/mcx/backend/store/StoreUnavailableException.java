package org.mcx.backend.store;

import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;

/**
 * The store cannot take this work now — the disk is full, or the database failed and is being
 * reopened — and will again by itself: answered {@code UNAVAILABLE}, with words for the peer.
 */
public final class StoreUnavailableException extends ProtocolException {
    public StoreUnavailableException(String message) {
        super(ErrorCode.UNAVAILABLE, message);
    }
}
