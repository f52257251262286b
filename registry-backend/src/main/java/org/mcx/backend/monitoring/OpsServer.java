package org.mcx.backend.monitoring;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' port, apart from the protocol's listener so that it can be firewalled apart:
 * {@code /health/live} (the process answers), {@code /health/ready} (it should be given work: 200,
 * or 503 with the reasons) for a load balancer, and {@code /metrics} for Prometheus. Plain HTTP,
 * read-only, no secrets in any answer.
 */
public final class OpsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
    static final String TEXT = "text/plain; charset=utf-8";
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    private final Server server;
    private final ServerConnector connector;

    private OpsServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    public static OpsServer start(String host, int port, Readiness readiness, Metrics metrics) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(4, 1);
        threads.setName("mcx-ops");
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String method = request.getMethod();
                if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
                    response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                    answer(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, TEXT, "GET or HEAD only\n");
                    return true;
                }
                switch (request.getHttpURI().getPath()) {
                    case "/health/live" -> answer(response, callback, HttpStatus.OK_200, TEXT, "live\n");
                    case "/health/ready" -> {
                        List<String> problems = readiness.problems();
                        answer(response, callback, problems.isEmpty() ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503,
                                TEXT, problems.isEmpty() ? "ready\n" : "not ready: " + String.join("; ", problems) + "\n");
                    }
                    case "/metrics" -> answer(response, callback, HttpStatus.OK_200, PROMETHEUS, metrics.scrape());
                    default -> answer(response, callback, HttpStatus.NOT_FOUND_404, TEXT,
                            "not found: /health/live, /health/ready or /metrics\n");
                }
                return true;
            }
        });
        server.start();
        OpsServer ops = new OpsServer(server, connector);
        log.info("health and metrics on http://{}:{}/ (/health/live, /health/ready, /metrics)", host, ops.port());
        return ops;
    }

    private static void answer(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
