package org.mcx.desktop.common;

import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.client.ConnectionLostException;

/** Failures in plain words for a person, from the bundle; the server's own message where it is the clearest. */
public final class ErrorText {
    private final I18n i18n;

    public ErrorText(I18n i18n) {
        this.i18n = i18n;
    }

    /** A list that could not be loaded: while the link is down it is only out of date, and says so. */
    public String describeLoad(Throwable failure) {
        Throwable t = Tasks.unwrap(failure);
        if (t instanceof ConnectionLostException) {
            return i18n.get("error.listStale");
        }
        return describe(failure);
    }

    public String describe(Throwable failure) {
        Throwable t = Tasks.unwrap(failure);
        if (isCertificateProblem(t)) {
            return i18n.get("error.certificate");
        }
        if (t instanceof ConnectionLostException lost) {
            return i18n.get(neverSent(lost) ? "error.unreachable" : "error.linkLost");
        }
        if (t instanceof TimeoutException) {
            return i18n.get("error.timeout");
        }
        if (t instanceof ProtocolException p) {
            return describe(p.code(), p.getMessage(), p.field());
        }
        return i18n.get("error.unexpected", t.getClass().getSimpleName() + ": " + t.getMessage());
    }

    private String describe(ErrorCode code, String message, String field) {
        return switch (code) {
            case UNAUTHENTICATED -> message != null && message.contains("locked")
                    ? i18n.get("error.locked", message) : i18n.get("error.credentials");
            case FORBIDDEN -> i18n.get("error.forbidden", message);
            case CONFLICT -> i18n.get("error.conflict", message);
            case BAD_REQUEST -> field == null ? i18n.get("error.badRequest", message)
                    : i18n.get("error.badField", field.replaceFirst("^body\\.", ""), message);
            case UNKNOWN_TYPE -> i18n.get("error.notSupported", message);
            case NOT_FOUND -> i18n.get("error.notFound", message);
            case UNAVAILABLE -> i18n.get("error.unavailable", message);
            default -> i18n.get("error.server", code.name(), message);
        };
    }

    /**
     * Whether the request never left (not connected, or the console closing) — as opposed to a link
     * lost while it waited for its answer, when the server may have done it (saving one's own
     * password closes one's own sessions, for one).
     */
    static boolean neverSent(ConnectionLostException e) {
        // The client library tells the two apart only in words: a link that closed under a waiting request
        // is described by its close ("… closed the link …", "connection lost (1006)", "… going away …").
        String m = e.getMessage() == null ? "" : e.getMessage();
        boolean lostWhileWaiting = m.contains("closed the link") || m.startsWith("connection lost (") || m.contains("going away");
        return !lostWhileWaiting;
    }

    /** A TLS failure anywhere in the chain: the certificate is not trusted (yet). */
    public static boolean isCertificateProblem(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException || c instanceof java.security.cert.CertificateException) {
                return true;
            }
            String m = c.getMessage();
            if (m != null && (m.contains("PKIX") || m.contains("certificate") || m.contains("SSL") || m.contains("handshake"))) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }
}
