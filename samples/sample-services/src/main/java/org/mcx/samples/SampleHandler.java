package org.mcx.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one sample server's routes below its base path, in JSON. Never blocks a Jetty thread:
 * routes work on memory only, and bodies are read as they arrive. Every answer names the instance
 * and echoes {@code MC-Service-Id} and {@code MC-Priority}, so tests see what the service access
 * server forwarded and where; never a host or port.
 */
final class SampleHandler extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(SampleHandler.class);
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final String MC_SERVICE_ID = "MC-Service-Id";
    static final String MC_PRIORITY = "MC-Priority";
    /**
     * Sent on purpose, as many real servers do: the service access server must strip it (and Jetty's
     * {@code Server} header), and its tests need an upstream that sends them.
     */
    static final String POWERED_BY = "mcx-sample";

    private final String basePath;
    private final String instance;
    private final Routes routes;

    SampleHandler(String basePath, String instance, Routes routes) {
        this.basePath = basePath;
        this.instance = instance;
        this.routes = routes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String mcServiceId = header(request, MC_SERVICE_ID);
        String priority = header(request, MC_PRIORITY);
        Exchange exchange = new Exchange(request, response, callback, mcServiceId, priority);
        String path = Request.getPathInContext(request);
        String relative = relative(path);
        Routes.Resolution resolution = relative == null ? new Routes.NotFound()
                : routes.resolve(request.getMethod(), relative);
        if (resolution instanceof Routes.NotFound) {
            exchange.send(SampleResponse.notFound("no resource at " + path));
        } else if (resolution instanceof Routes.MethodNotAllowed m) {
            exchange.send(SampleResponse.error(405, "method-not-allowed", request.getMethod() + " is not allowed here")
                    .withHeader(HttpHeader.ALLOW.asString(), String.join(", ", m.allowed())));
        } else if (resolution instanceof Routes.Found found) {
            SampleRequest base = new SampleRequest(request.getMethod(), relative, found.params(), mcServiceId,
                    priority, instance, new byte[0]);
            if (found.readsBody()) {
                readThenRun(exchange, found, base);
            } else {
                exchange.run(found.action(), base);
            }
        }
        return true;
    }

    private void readThenRun(Exchange exchange, Routes.Found found, SampleRequest base) {
        Request request = exchange.request();
        // A declared length over the cap is refused before reading a byte; an honest small one is
        // still not trusted: the reader counts what actually arrives.
        if (request.getLength() > MAX_BODY_BYTES) {
            exchange.send(tooLarge());
            return;
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type != null && !type.toLowerCase(Locale.ROOT).contains("json")) {
            exchange.send(SampleResponse.error(415, "unsupported-media-type", "send application/json"));
            return;
        }
        BodyReader.read(request, MAX_BODY_BYTES).whenComplete((body, error) -> {
            if (error == null) {
                exchange.run(found.action(), new SampleRequest(base.method(), base.path(), base.params(),
                        base.mcServiceId(), base.priority(), base.instance(), body));
            } else if (error instanceof BodyReader.TooLarge) {
                exchange.send(tooLarge());
            } else {
                // The client went away or the connection broke mid-body: nobody to answer.
                log.debug("{}: reading a request body failed: {}", instance, error.toString());
                exchange.callback().failed(error);
            }
        });
    }

    private static SampleResponse tooLarge() {
        // The rest of the body is not read, so the connection cannot carry another request.
        return SampleResponse.error(413, "too-large", "the body may be at most " + MAX_BODY_BYTES + " bytes")
                .withHeader(HttpHeader.CONNECTION.asString(), "close");
    }

    /** The path below the base path, or null when the request is not for this server. */
    private String relative(String path) {
        if (path == null) {
            return null;
        }
        if (basePath.isEmpty()) {
            return path;
        }
        if (path.equals(basePath) || path.startsWith(basePath + "/")) {
            return path.substring(basePath.length());
        }
        return null;
    }

    private static String header(Request request, String name) {
        String value = request.getHeaders().get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** One request being answered (an inner class: it answers as this handler's instance). */
    private final class Exchange {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final String mcServiceId;
        private final String priority;

        Exchange(Request request, Response response, Callback callback, String mcServiceId, String priority) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.mcServiceId = mcServiceId;
            this.priority = priority;
        }

        Request request() {
            return request;
        }

        Callback callback() {
            return callback;
        }

        void run(Routes.Action action, SampleRequest sampleRequest) {
            SampleResponse answer;
            try {
                answer = action.handle(sampleRequest);
            } catch (RuntimeException e) {
                log.error("{}: {} {} failed", instance, request.getMethod(), Request.getPathInContext(request), e);
                answer = SampleResponse.error(500, "internal", "internal error");
            }
            send(answer);
        }

        void send(SampleResponse answer) {
            ObjectNode body = SampleJson.object();
            body.put("instance", instance);
            body.put("mcServiceId", mcServiceId);
            body.put("priority", priority);
            body.setAll(answer.body());
            byte[] bytes = SampleJson.bytes(body);
            response.setStatus(answer.status());
            HttpFields.Mutable headers = response.getHeaders();
            headers.put(HttpHeader.CONTENT_TYPE, "application/json");
            headers.put(HttpHeader.X_POWERED_BY, POWERED_BY);
            for (Map.Entry<String, String> h : answer.headers().entrySet()) {
                headers.put(h.getKey(), h.getValue());
            }
            headers.put(HttpHeader.CONTENT_LENGTH, bytes.length);
            log.debug("{}: {} {} -> {}", instance, request.getMethod(), Request.getPathInContext(request), answer.status());
            response.write(true, ByteBuffer.wrap(bytes), callback);
        }
    }
}
