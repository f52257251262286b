package org.mcx.access;

/**
 * A refused request: the status, title and detail of its problem document, the reason it is
 * counted and audited under, and the seconds for {@code Retry-After} (0 = none).
 */
final class Refusal extends Exception {
    final int status;
    final String title;
    final String reason;
    final long retryAfter;

    Refusal(int status, String title, String reason, String detail, long retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    /**
     * Whether the connection can serve another request after this answer: not after a body too
     * large to read to its end, nor a request in an HTTP version this server does not speak.
     */
    boolean keepsConnection() {
        return status != 413 && status != 505;
    }
}
