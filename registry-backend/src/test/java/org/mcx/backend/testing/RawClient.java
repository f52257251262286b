package org.mcx.backend.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A bare WebSocket peer that sends exactly the text it is given, for testing what the server does
 * with frames no well-behaved client would send. Frames received are queued in order.
 */
public final class RawClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LinkedBlockingDeque<String> received = new LinkedBlockingDeque<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocketClient ws;
    private final AtomicLong ids = new AtomicLong();

    public RawClient(URI base, String path) throws InterruptedException {
        ws = new WebSocketClient(base.resolve(path)) {
            @Override
            public void onOpen(ServerHandshake handshake) {
            }

            @Override
            public void onMessage(String message) {
                received.add(message);
            }

            @Override
            public void onClose(int code, String reason, boolean remote) {
                closed.complete(code);
            }

            @Override
            public void onError(Exception ex) {
            }
        };
        ws.setTcpNoDelay(true);
        if (!ws.connectBlocking(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not connect to " + base.resolve(path));
        }
    }

    public void sendText(String text) {
        ws.send(text);
    }

    /** Sends a request and returns the next frame that answers it (events in between are kept). */
    public JsonNode call(String type, String bodyJson) throws Exception {
        String id = "r-" + ids.incrementAndGet();
        sendText("{\"v\":1,\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"body\":" + bodyJson + "}");
        return awaitReply(id);
    }

    public JsonNode awaitReply(String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        java.util.List<String> skipped = new java.util.ArrayList<>();
        try {
            while (System.nanoTime() < deadline) {
                String frame = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (frame == null) {
                    break;
                }
                JsonNode node = JSON.readTree(frame);
                if (id.equals(node.path("re").asText(null))) {
                    return node;
                }
                skipped.add(frame);
            }
        } finally {
            for (int i = skipped.size() - 1; i >= 0; i--) {
                received.offerFirst(skipped.get(i));
            }
        }
        throw new AssertionError("no reply to " + id + " within 10 s");
    }

    /** The next frame as received, or null if none came within {@code millis}. */
    public String poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The close code, or -1 while open. */
    public int closeCode() {
        return closed.isDone() ? closed.join() : -1;
    }

    /** The next frame, whatever it is. */
    public JsonNode next() throws Exception {
        String frame = received.poll(10, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within 10 s");
        }
        return JSON.readTree(frame);
    }

    public JsonNode login(String user, String password) throws Exception {
        return call("auth.login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }

    /** The error code of a reply, or "" when the reply is not an error. */
    public static String code(JsonNode reply) {
        return reply.path("body").path("code").asText();
    }

    /** The close code once the connection is closed. */
    public int awaitClose() throws Exception {
        return closed.get(15, TimeUnit.SECONDS);
    }

    public boolean isOpen() {
        return ws.isOpen();
    }

    @Override
    public void close() throws InterruptedException {
        ws.closeBlocking();
    }
}
