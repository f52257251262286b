package org.mcx.backend.access;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A careless upstream, as real ones are: it announces its software, its host and port in
 * {@code Location}, and echoes what it was sent, so tests can see what the proxy passes and hides.
 */
final class EchoUpstream implements AutoCloseable {
    final String name;
    final AtomicInteger hits = new AtomicInteger();
    /** Requests to a path ending in {@code /hold}, answered only on {@link #release}. */
    final java.util.concurrent.BlockingQueue<Runnable> held = new java.util.concurrent.LinkedBlockingQueue<>();
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    EchoUpstream(String name) throws Exception {
        this.name = name;
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                hits.incrementAndGet();
                response.getHeaders().put(HttpHeader.SERVER, "secret-upstream/1.0");
                response.getHeaders().put("X-Powered-By", "internal-stack");
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.getHeaders().put(HttpHeader.SET_COOKIE, "upstream-session=" + name + "-" + hits.get() + "; Path=/");
                if ("POST".equals(request.getMethod())) {
                    response.setStatus(201);
                    response.getHeaders().put(HttpHeader.LOCATION, "http://127.0.0.1:" + port() + "/gm/groups/7");
                }
                long received = bodyLength(request);
                String body = "{\"instance\":\"" + name + "\",\"bodyLength\":" + received + ",\"path\":\"" + request.getHttpURI().getPath()
                        + "\",\"mcServiceId\":\"" + request.getHeaders().get("MC-Service-Id")
                        + "\",\"priority\":\"" + request.getHeaders().get("MC-Priority")
                        + "\",\"authorization\":\"" + request.getHeaders().get(HttpHeader.AUTHORIZATION)
                        + "\",\"cookie\":\"" + request.getHeaders().get(HttpHeader.COOKIE)
                        + "\",\"headers\":\"" + String.join(",", request.getHeaders().getFieldNamesCollection()).toLowerCase()
                        + "\"}";
                Runnable answer = () -> response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
                if (request.getHttpURI().getPath().endsWith("/hold")) {
                    held.add(answer);
                } else {
                    answer.run();
                }
                return true;
            }
        });
        server.start();
    }

    /** Reads the request body to its end (blocking: this upstream is a test's) and counts it. */
    private static long bodyLength(Request request) {
        long n = 0;
        while (true) {
            org.eclipse.jetty.io.Content.Chunk chunk = request.read();
            if (chunk == null) {
                java.util.concurrent.CompletableFuture<Void> more = new java.util.concurrent.CompletableFuture<>();
                request.demand(() -> more.complete(null));
                more.join();
                continue;
            }
            n += chunk.remaining();
            chunk.release();
            if (chunk.isLast()) {
                return n;
            }
        }
    }

    /** Answers every held request. */
    void release() {
        for (Runnable r = held.poll(); r != null; r = held.poll()) {
            r.run();
        }
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
