package org.mcx.access;

import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.HttpConversionUtil;
import java.util.List;

/**
 * What crosses the service access server, in place on the messages themselves (no copies): the
 * request loses the application's credentials and anything hop-by-hop and gains
 * {@code MC-Service-Id} and {@code MC-Priority}; the response loses everything that names the
 * instance ({@code Server}, {@code X-Powered-By}, {@code Via}) and its {@code Location} points
 * back through this server.
 */
final class ForwardedHeaders {
    /** Request headers the service must not see: the application's token, hop-by-hop, forged identity. */
    private static final List<CharSequence> REQUEST_DROPPED = List.of(HttpHeaderNames.AUTHORIZATION,
            HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.KEEP_ALIVE, "Proxy-Connection", HttpHeaderNames.TE,
            HttpHeaderNames.TRAILER, HttpHeaderNames.UPGRADE, "MC-Service-Id", "MC-Priority", "Forwarded",
            "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", HttpHeaderNames.VIA);
    /** Response headers that would reveal the inside, or are hop-by-hop. */
    private static final List<CharSequence> RESPONSE_DROPPED = List.of(HttpHeaderNames.SERVER, "X-Powered-By",
            HttpHeaderNames.VIA, HttpHeaderNames.KEEP_ALIVE, "Proxy-Connection", HttpHeaderNames.PROXY_AUTHENTICATE,
            HttpHeaderNames.TRAILER, HttpHeaderNames.UPGRADE);

    private ForwardedHeaders() {
    }

    static void toUpstream(HttpRequest request, Target target, String query) {
        HttpHeaders h = request.headers();
        dropConnectionHeaders(h);
        for (CharSequence name : REQUEST_DROPPED) {
            h.remove(name);
        }
        if (h.contains(HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text())) {
            // An HTTP/2 request converted here: the converter's own headers stay here too.
            for (HttpConversionUtil.ExtensionHeaderNames x : HttpConversionUtil.ExtensionHeaderNames.values()) {
                h.remove(x.text());
            }
        }
        h.set("MC-Service-Id", target.mcServiceId()).set("MC-Priority", target.priority().wireName());
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
        request.setUri(target.upstreamPath() + (query == null ? "" : query));
        retarget(request, target);
    }

    /**
     * Trailer fields could restate what the SAS sets or removes ({@code MC-Service-Id},
     * {@code Authorization}): none pass. The end of the body, without them.
     */
    static LastHttpContent withoutTrailers(LastHttpContent last) {
        if (last.trailingHeaders().isEmpty()) {
            return last;
        }
        LastHttpContent bare = new DefaultLastHttpContent(last.content().retain());
        last.release();
        return bare;
    }

    /** A body read whole goes up with its length, chunked or not as it came: the instance sees one framing. */
    static void wholeBody(HttpRequest request, long length) {
        request.headers().remove(HttpHeaderNames.TRANSFER_ENCODING).set(HttpHeaderNames.CONTENT_LENGTH, length);
    }

    /** A retry on another instance: the same request, another host. */
    static void retarget(HttpRequest request, Target target) {
        request.headers().set(HttpHeaderNames.HOST, target.instance().host() + ":" + target.instance().port());
        String uri = request.uri();
        int q = uri.indexOf('?');
        request.setUri(target.upstreamPath() + (q < 0 ? "" : uri.substring(q)));
    }

    static void toClient(HttpResponse response, Target target, boolean keepAlive) {
        HttpHeaders h = response.headers();
        dropConnectionHeaders(h);
        for (CharSequence name : RESPONSE_DROPPED) {
            h.remove(name);
        }
        rewrite(h, HttpHeaderNames.LOCATION, target);
        rewrite(h, HttpHeaderNames.CONTENT_LOCATION, target);
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        if (!keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        if (!h.contains(HttpHeaderNames.CONTENT_LENGTH) && !HttpUtil.isTransferEncodingChunked(response)
                && mayHaveBody(response.status().code())) {
            // The instance ends its body by closing; the client's connection stays open, so chunk it.
            HttpUtil.setTransferEncodingChunked(response, true);
        }
    }

    /** {@code Connection} and the headers it names are for one hop only. */
    private static void dropConnectionHeaders(HttpHeaders h) {
        for (String value : h.getAll(HttpHeaderNames.CONNECTION)) {
            for (String name : value.split(",")) {
                String n = name.trim();
                if (!n.isEmpty() && !n.equalsIgnoreCase("close") && !n.equalsIgnoreCase("keep-alive")) {
                    h.remove(n);
                }
            }
        }
        h.remove(HttpHeaderNames.CONNECTION);
    }

    private static void rewrite(HttpHeaders h, CharSequence name, Target target) {
        String value = h.get(name);
        if (value != null) {
            h.set(name, LocationRewriter.rewrite(value, target));
        }
    }

    private static boolean mayHaveBody(int status) {
        return status >= 200 && status != 204 && status != 304;
    }
}
