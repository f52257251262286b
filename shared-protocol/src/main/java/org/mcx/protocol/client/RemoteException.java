package org.mcx.protocol.client;

import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;

/** The server answered a request with an {@code error} envelope: its code, message and field. */
public class RemoteException extends ProtocolException {

    public RemoteException(ErrorCode code, String message, String field) {
        super(code, message, field);
    }

    @Override
    public String toString() {
        return "RemoteException[" + code() + (field() == null ? "" : " " + field()) + ": " + getMessage() + "]";
    }
}
