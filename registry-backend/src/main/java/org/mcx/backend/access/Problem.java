package org.mcx.backend.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

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

    static void send(Response response, Callback callback, int status, String title, String detail) {
        send(response, callback, status, title, detail, 0);
    }

    static void send(Response response, Callback callback, int status, String title, String detail, long retryAfter) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (retryAfter > 0) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(retryAfter));
        }
        response.write(true, ByteBuffer.wrap(body(status, title, detail).getBytes(StandardCharsets.UTF_8)), callback);
    }
}
