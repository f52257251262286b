package org.mcx.access;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;

/**
 * What RFC 9112 asks of a request head beyond what the decoder already refuses, checked before
 * anything else: HTTP/1.1 or HTTP/1.0 exactly; neither TRACE (it would echo the request, with what
 * the SAS adds, back to the caller) nor CONNECT; at most one {@code Content-Length} (§6.3, in
 * HTTP/1.0 too: see {@link RequestHeaders}); exactly one valid {@code Host} (§3.2); no expectation
 * but 100-continue (answered before this: the service never sees {@code Expect}); no transfer coding
 * but chunked (§6.1: 501); a target in origin or absolute form ({@link RequestTarget}). Each refusal
 * names the field at fault.
 */
final class RequestHead {
    /** The most digits a {@code Content-Length} may have: any longer value is zeros or overflows a long. */
    private static final int MAX_LENGTH_DIGITS = 18;

    private RequestHead() {
    }

    /**
     * @param http2 a stream of an HTTP/2 connection, converted: {@code :authority} became {@code Host},
     *              and RFC 9113 §8.3.1 lets a request go without one
     * @return the request target in origin form
     */
    static String check(HttpRequest request, boolean http2) throws Refusal {
        HttpVersion version = request.protocolVersion();
        // The decoder returns its constants only for the exact spelling; "http/1.1" or "HTTP/1.2" is a new instance.
        if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
            throw new Refusal(505, "HTTP Version Not Supported", "bad-request",
                    "HTTP-version: only HTTP/1.1 and HTTP/1.0 are served", 0);
        }
        String method = request.method().name();
        if (method.equalsIgnoreCase("TRACE") || method.equalsIgnoreCase("CONNECT")) {
            throw new Refusal(501, "Not Implemented", "bad-method", "method: " + method + " is not forwarded", 0);
        }
        HttpHeaders headers = request.headers();
        if (headers instanceof RequestHeaders counted && counted.contentLengthLines() > 1) {
            throw bad("Content-Length: more than one"); // the decoder lets HTTP/1.0 through with the first
        }
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null && (length.isEmpty() || length.length() > MAX_LENGTH_DIGITS)) {
            // The decoder reads "0000000000000000000116" as 116; a parser that stops at 18 digits, as
            // many do to avoid overflow, refuses it or reads another length: where the body ends is in doubt.
            throw Refusal.framing("Content-Length: more than " + MAX_LENGTH_DIGITS + " digits");
        }
        host(headers.getAll(HttpHeaderNames.HOST), version == HttpVersion.HTTP_1_1 && !http2, http2);
        if (headers.contains(HttpHeaderNames.EXPECT)) {
            // 100-continue was answered (and removed) before this; the SAS meets no other expectation.
            throw new Refusal(417, "Expectation Failed", "bad-request", "Expect: only 100-continue is supported", 0);
        }
        transferCodings(headers.getAll(HttpHeaderNames.TRANSFER_ENCODING));
        return RequestTarget.originForm(request.uri());
    }

    /**
     * Every {@code Transfer-Encoding} line, not only the first: the decoder frames the body as
     * chunked when any line names chunked, so a first line a strict parser cannot read (a byte
     * outside a token, say) must end the connection rather than be answered and read past.
     * A well-formed list ending in chunked but naming another coding is merely not served (501);
     * its framing is not in doubt.
     */
    private static void transferCodings(List<String> lines) throws Refusal {
        if (lines.isEmpty()) {
            return;
        }
        int chunked = 0;
        boolean other = false;
        String last = null;
        for (String line : lines) {
            for (String element : line.split(",", -1)) {
                String coding = trimOws(element);
                if (coding.isEmpty()) {
                    continue;
                }
                if (!isToken(coding)) {
                    throw Refusal.framing("Transfer-Encoding: not a list of transfer codings");
                }
                if (coding.equalsIgnoreCase("chunked")) {
                    chunked++;
                } else {
                    other = true;
                }
                last = coding;
            }
        }
        if (last == null || !last.equalsIgnoreCase("chunked") || chunked > 1) {
            throw Refusal.framing("Transfer-Encoding: chunked must be the final coding, applied once");
        }
        if (other) {
            throw new Refusal(501, "Not Implemented", "bad-request", "Transfer-Encoding: only chunked is supported", 0);
        }
    }

    private static String trimOws(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return s.substring(from, to);
    }

    /** RFC 9110 §5.6.2: a token is one or more tchar. */
    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean tchar = c < 0x7f && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
            if (!tchar) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static void host(List<String> hosts, boolean required, boolean http2) throws Refusal {
        if (hosts.isEmpty()) {
            if (required) {
                throw bad("Host: missing (an HTTP/1.1 request needs exactly one)");
            }
            return;
        }
        String host = hosts.get(0);
        for (int i = 1; i < hosts.size(); i++) {
            // HTTP/2 may carry both :authority and host; they must then agree (RFC 9113 §8.3.1).
            if (!http2 || !hosts.get(i).equals(host)) {
                throw bad("Host: more than one");
            }
        }
        if (!RequestTarget.isAuthority(host, 0, host.length())) {
            throw bad("Host: not a valid host[:port]");
        }
    }

    private static Refusal bad(String detail) {
        return new Refusal(400, "Bad Request", "bad-request", detail, 0);
    }
}
