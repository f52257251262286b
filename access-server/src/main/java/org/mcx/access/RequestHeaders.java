package org.mcx.access;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.util.AsciiString;

/**
 * Request headers, validated as Netty's defaults are, that count the {@code Content-Length} field
 * lines the decoder received. Netty 4.2's decoder refuses several in HTTP/1.1 but, in an HTTP/1.0
 * request, keeps the first and silently drops the rest, even when they differ — a request a front
 * proxy reading the last one would frame differently (CL.CL smuggling). Once decoded, only one is
 * left to see; this count is what {@link RequestHead} refuses by.
 */
final class RequestHeaders extends DefaultHttpHeaders {
    private static final DefaultHttpHeadersFactory DEFAULTS = DefaultHttpHeadersFactory.headersFactory();

    static final HttpHeadersFactory FACTORY = new HttpHeadersFactory() {
        @Override
        public HttpHeaders newHeaders() {
            return new RequestHeaders();
        }

        @Override
        public HttpHeaders newEmptyHeaders() {
            return new RequestHeaders();
        }
    };

    private int contentLengthLines;

    private RequestHeaders() {
        super(DEFAULTS.getNameValidator(), DEFAULTS.getValueValidator());
    }

    /** How many {@code Content-Length} fields were added (by the decoder: one per field line). */
    int contentLengthLines() {
        return contentLengthLines;
    }

    @Override
    public HttpHeaders add(CharSequence name, Object value) {
        count(name);
        return super.add(name, value);
    }

    @Override
    public HttpHeaders add(String name, Object value) {
        count(name);
        return super.add(name, value);
    }

    private void count(CharSequence name) {
        if (AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.CONTENT_LENGTH)) {
            contentLengthLines++;
        }
    }
}
