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
    private final boolean framingUnknown;

    Refusal(int status, String title, String reason, String detail, long retryAfter) {
        this(status, title, reason, detail, retryAfter, false);
    }

    private Refusal(int status, String title, String reason, String detail, long retryAfter, boolean framingUnknown) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.reason = reason;
        this.retryAfter = retryAfter;
        this.framingUnknown = framingUnknown;
    }

    /**
     * A 400 for a head whose body length cannot be known for certain: where this request ends, and
     * so where the next begins, is a guess another parser may make differently (request smuggling),
     * so nothing more is read from the connection.
     */
    static Refusal framing(String detail) {
        return new Refusal(400, "Bad Request", "bad-request", detail, 0, true);
    }

    /**
     * Whether the connection can serve another request after this answer: not after a body too
     * large to read to its end, a request in an HTTP version this server does not speak, nor one
     * whose framing is in doubt.
     */
    boolean keepsConnection() {
        return !framingUnknown && status != 413 && status != 505;
    }
}
