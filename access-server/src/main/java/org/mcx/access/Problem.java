package org.mcx.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** RFC 9457 problem details: what every refusal looks like. Never a host, a port or a stack trace. */
final class Problem {
    static final String TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problem() {
    }

    static String body(int status, String title, String detail) {
        return JSON.createObjectNode().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail).toString();
    }

    static FullHttpResponse of(Refusal r, boolean close) {
        return of(r.status, r.title, r.getMessage(), r.retryAfter, close);
    }

    static FullHttpResponse of(int status, String title, String detail, long retryAfter, boolean close) {
        byte[] body = body(status, title, detail).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, TYPE)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (retryAfter > 0) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString(retryAfter));
        }
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }
}
