package org.mcx.protocol;

/**
 * A request that must be answered with an {@code error} envelope. The message is shown to the
 * peer, so it never carries a secret, a host name or a stack trace.
 */
public class ProtocolException extends RuntimeException {
    private final ErrorCode code;
    private final String field;

    public ProtocolException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ProtocolException(ErrorCode code, String message, String field) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    /** The failing field as a path from the envelope, e.g. {@code body.query.serviceType}; may be null. */
    public String field() {
        return field;
    }

    public static ProtocolException badRequest(String field, String message) {
        return new ProtocolException(ErrorCode.BAD_REQUEST, message, field);
    }

    public static ProtocolException notFound(String what) {
        return new ProtocolException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static ProtocolException forbidden(String message) {
        return new ProtocolException(ErrorCode.FORBIDDEN, message);
    }

    public static ProtocolException conflict(String message) {
        return new ProtocolException(ErrorCode.CONFLICT, message);
    }
}
