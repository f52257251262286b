package org.mcx.protocol.client;

import org.java_websocket.framing.CloseFrame;

/** Words for a WebSocket close, naming the codes the protocol gives a meaning. */
final class CloseReasons {
    static final int AUTH_TIMEOUT = 4401;
    static final int FLOODING = 4429;

    private CloseReasons() {
    }

    static String describe(int code, String reason, boolean remote, Exception lastError, int maxMessageBytes) {
        String detail = reason == null || reason.isBlank() ? "" : ": " + reason;
        return switch (code) {
            case AUTH_TIMEOUT -> "the server closed the link: no authentication in time (4401)" + detail;
            case FLOODING -> "the server closed the link: too many messages (4429)" + detail;
            case CloseFrame.TOOBIG -> remote
                    ? "the server closed the link: a message was too big (1009)" + detail
                    : "closed the link: a message from the server exceeded " + maxMessageBytes + " bytes (1009)";
            case CloseFrame.NEVER_CONNECTED -> "could not connect: "
                    + (reason == null || reason.isBlank() ? describe(lastError) : reason);
            case CloseFrame.ABNORMAL_CLOSE -> "connection lost (1006)" + detail;
            case CloseFrame.GOING_AWAY -> "the server is going away (1001)" + detail;
            default -> (remote ? "the server" : "the client") + " closed the link (" + code + ")" + detail;
        };
    }

    private static String describe(Exception e) {
        return e == null ? "unknown error" : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
