package org.mcx.protocol.client;

import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;

/**
 * The request could not be answered because the link is down: it was lost while the request
 * waited, or it was not connected when the request was made. Requests are never queued across a
 * reconnect, so the caller decides whether repeating one is safe.
 */
public class ConnectionLostException extends ProtocolException {

    public ConnectionLostException(String message) {
        super(ErrorCode.UNAVAILABLE, message);
    }

    @Override
    public String toString() {
        return "ConnectionLostException[" + getMessage() + "]";
    }
}
