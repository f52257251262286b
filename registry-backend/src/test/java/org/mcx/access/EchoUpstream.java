package org.mcx.access;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpFields;
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
 * A path ending in {@code /big} gets 64 MiB, written as fast as the connection takes it; {@code /wide}
 * gets 256 KiB at once.
 */
final class EchoUpstream implements AutoCloseable {
    /**
     * One request as this instance received it, once its body was read to the end ({@code complete})
     * or broke off ({@code complete == false}: the connection closed or was reset first).
     */
    record Seen(String method, String target, HttpFields headers, byte[] body, boolean complete, HttpFields trailers) {
        String header(String name) {
            return headers.get(name);
        }
    }

    /** What instances received, shared by several: heads as they arrive, requests as their bodies end. */
    static final class Received {
        final java.util.concurrent.Semaphore heads = new java.util.concurrent.Semaphore(0);
        final java.util.concurrent.BlockingQueue<Seen> requests = new java.util.concurrent.LinkedBlockingQueue<>();
    }

    final String name;
    /** Requests whose head arrived (counted before the body is read). */
    final AtomicInteger hits = new AtomicInteger();
    final Received received;
    /** Requests to a path ending in {@code /hold}, answered only on {@link #release}. */
    final java.util.concurrent.BlockingQueue<Runnable> held = new java.util.concurrent.LinkedBlockingQueue<>();
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    EchoUpstream(String name) throws Exception {
        this(name, new Received());
    }

    EchoUpstream(String name, Received received) throws Exception {
        this.name = name;
        this.received = received;
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                hits.incrementAndGet();
                received.heads.release();
                response.getHeaders().put(HttpHeader.SERVER, "secret-upstream/1.0");
                response.getHeaders().put("X-Powered-By", "internal-stack");
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.getHeaders().put(HttpHeader.SET_COOKIE, "upstream-session=" + name + "-" + hits.get() + "; Path=/");
                if ("POST".equals(request.getMethod())) {
                    response.setStatus(201);
                    response.getHeaders().put(HttpHeader.LOCATION, "http://127.0.0.1:" + port() + "/gm/groups/7");
                }
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                boolean complete = readBody(request, bytes);
                received.requests.add(new Seen(request.getMethod(), request.getHttpURI().getPathQuery(),
                        HttpFields.build(request.getHeaders()).asImmutable(), bytes.toByteArray(), complete,
                        request.getTrailers()));
                if (!complete) {
                    callback.failed(new java.io.IOException("the request broke off"));
                    return true;
                }
                long received = bytes.size();
                String body = "{\"instance\":\"" + name + "\",\"bodyLength\":" + received + ",\"path\":\"" + request.getHttpURI().getPath()
                        + "\",\"mcServiceId\":\"" + request.getHeaders().get("MC-Service-Id")
                        + "\",\"priority\":\"" + request.getHeaders().get("MC-Priority")
                        + "\",\"authorization\":\"" + request.getHeaders().get(HttpHeader.AUTHORIZATION)
                        + "\",\"cookie\":\"" + request.getHeaders().get(HttpHeader.COOKIE)
                        + "\",\"headers\":\"" + String.join(",", request.getHeaders().getFieldNamesCollection()).toLowerCase()
                        + "\"}";
                Runnable answer = () -> response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
                if (request.getHttpURI().getPath().endsWith("/big")) {
                    large(response, callback);
                    return true;
                }
                if (request.getHttpURI().getPath().endsWith("/wide")) {
                    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, WIDE.length);
                    response.write(true, ByteBuffer.wrap(WIDE), callback);
                    return true;
                }
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

    /** Reads the request body to its end (blocking: this upstream is a test's); false if it broke off. */
    private static boolean readBody(Request request, java.io.ByteArrayOutputStream into) {
        while (true) {
            org.eclipse.jetty.io.Content.Chunk chunk = request.read();
            if (chunk == null) {
                java.util.concurrent.CompletableFuture<Void> more = new java.util.concurrent.CompletableFuture<>();
                request.demand(() -> more.complete(null));
                more.join();
                continue;
            }
            if (org.eclipse.jetty.io.Content.Chunk.isFailure(chunk)) {
                return false;
            }
            byte[] b = new byte[chunk.remaining()];
            chunk.getByteBuffer().get(b);
            into.write(b, 0, b.length);
            chunk.release();
            if (chunk.isLast()) {
                return true;
            }
        }
    }

    /** Bytes of {@code /big} answers this instance has handed to its connections (what the SAS took). */
    final java.util.concurrent.atomic.AtomicLong largeBytesWritten = new java.util.concurrent.atomic.AtomicLong();
    /** The most of one {@code /big} answer handed to a connection so far. */
    final java.util.concurrent.atomic.AtomicLong largestAnswerWritten = new java.util.concurrent.atomic.AtomicLong();
    private static final byte[] WIDE = new byte[256 * 1024];
    /** Called after each piece of a {@code /big} answer is written: a test samples what it watches there. */
    volatile Runnable onLargePiece = () -> { };
    private static final int LARGE_SIZE = 64 * 1024 * 1024;
    private static final byte[] PIECE = new byte[64 * 1024];

    /** A 64 MiB answer, written a piece at a time as the connection takes it (no piece is copied). */
    private void large(Response response, Callback done) {
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, LARGE_SIZE);
        new org.eclipse.jetty.util.IteratingCallback() {
            private long written;

            @Override
            protected Action process() {
                if (written > 0) {
                    largeBytesWritten.addAndGet(PIECE.length);
                    largestAnswerWritten.accumulateAndGet(written, Math::max);
                    onLargePiece.run();
                }
                if (written >= LARGE_SIZE) {
                    return Action.SUCCEEDED;
                }
                written += PIECE.length;
                response.write(written >= LARGE_SIZE, ByteBuffer.wrap(PIECE), this);
                return Action.SCHEDULED;
            }

            @Override
            protected void onCompleteSuccess() {
                done.succeeded();
            }

            @Override
            protected void onCompleteFailure(Throwable cause) {
                done.failed(cause);
            }
        }.iterate();
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
