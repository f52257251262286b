package org.mcx.protocol;

/** A frame whose header is unusable; {@link #replyTo()} is the id to answer, null if unreadable. */
public final class EnvelopeException extends ProtocolException {
    private final String replyTo;

    public EnvelopeException(ErrorCode code, String message, String field, String replyTo) {
        super(code, message, field);
        this.replyTo = replyTo;
    }

    public String replyTo() {
        return replyTo;
    }
}
