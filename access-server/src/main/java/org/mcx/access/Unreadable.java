package org.mcx.access;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.ContentLengthNotAllowedException;
import io.netty.handler.codec.http.InvalidChunkExtensionException;
import io.netty.handler.codec.http.InvalidChunkTerminationException;
import io.netty.handler.codec.http.InvalidLineSeparatorException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http.TransferEncodingNotAllowedException;

/**
 * What the HTTP/1.1 decoder could not read, as a refusal naming the part at fault. After either
 * kind the decoder reads nothing more from the connection, so each closes it.
 */
final class Unreadable {
    private static final int MAX_DETAIL = 120;

    private Unreadable() {
    }

    /** A request line or header section the decoder refused. */
    static Refusal head(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return new Refusal(414, "URI Too Long", "too-large", "request line: longer than 8 KiB", 0);
        }
        if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
            return new Refusal(431, "Request Header Fields Too Large", "too-large", "header section: larger than 8 KiB", 0);
        }
        if (cause instanceof InvalidLineSeparatorException) {
            return bad("bad-request", "request head: every line must end with CR LF");
        }
        if (cause instanceof ContentLengthNotAllowedException) {
            return bad("bad-request", "Content-Length: not allowed beside Transfer-Encoding");
        }
        if (cause instanceof TransferEncodingNotAllowedException) {
            return bad("bad-request", "Transfer-Encoding: not allowed in HTTP/1.0");
        }
        return bad("bad-request", "request head: " + printable(cause.getMessage()));
    }

    /** A chunked body the decoder refused part-way: a chunk line, chunk data or the trailer section. */
    static Refusal body(Throwable cause) {
        if (cause instanceof NumberFormatException) {
            return bad("bad-body", "chunked body: a chunk size is not a hexadecimal number that fits");
        }
        if (cause instanceof InvalidChunkTerminationException) {
            return bad("bad-body", "chunked body: chunk data longer than its size");
        }
        if (cause instanceof InvalidChunkExtensionException) {
            return bad("bad-body", "chunked body: a chunk line is malformed");
        }
        if (cause instanceof TooLongFrameException) {
            return bad("bad-body", "chunked body: a chunk line or the trailer section is too long");
        }
        return bad("bad-body", "chunked body: " + printable(cause.getMessage()));
    }

    private static Refusal bad(String reason, String detail) {
        return new Refusal(400, "Bad Request", reason, detail, 0);
    }

    /** The decoder's own words, which name the field; reduced to printable ASCII and a short length. */
    private static String printable(String message) {
        if (message == null || message.isBlank()) {
            return "malformed";
        }
        StringBuilder b = new StringBuilder(Math.min(message.length(), MAX_DETAIL));
        for (int i = 0; i < message.length() && b.length() < MAX_DETAIL; i++) {
            char c = message.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
