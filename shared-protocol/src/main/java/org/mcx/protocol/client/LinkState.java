package org.mcx.protocol.client;

/** Where a client's link to the server stands; reported to state listeners as a {@link LinkStatus}. */
public enum LinkState {
    /** Opening the WebSocket. */
    CONNECTING,
    /** Open; the authentication message is on its way. */
    AUTHENTICATING,
    /** Authenticated: requests may be sent. */
    CONNECTED,
    /** The link was lost; the next attempt is scheduled ({@link LinkStatus#retryIn()}). */
    RECONNECTING,
    /** The server refused the credentials; the client stopped trying. */
    AUTH_FAILED,
    /** Not connected and not trying: not yet started, the first connect failed, or closed by the caller. */
    CLOSED
}
