package org.mcx.bench;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The baseline client: a bare Java-WebSocket 1.6.0 client with TCP_NODELAY and no ping timer,
 * handing every text frame to a consumer on its reading thread. {@link #sequential} makes one that
 * answers round trips: send a frame, wait for the next one.
 */
final class RawClient extends WebSocketClient {
    private static final Logger log = LoggerFactory.getLogger(RawClient.class);
    private static final int MAX_FRAME = 4 << 20;

    private final Consumer<String> onText;
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private BlockingQueue<String> replies;

    RawClient(URI uri, Consumer<String> onText) {
        super(uri, new Draft_6455(List.of(), MAX_FRAME), Map.of(), 10_000);
        this.onText = onText;
        setTcpNoDelay(true);
        setConnectionLostTimeout(0);
        setDaemon(true);
    }

    /** A connected client whose frames are queued for {@link #roundTrip}. */
    static RawClient sequential(URI uri) throws Exception {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        RawClient client = new RawClient(uri, queue::add);
        client.replies = queue;
        client.open(Duration.ofSeconds(10));
        return client;
    }

    /** Connects and waits for the handshake. */
    void open(Duration timeout) throws Exception {
        connect();
        opened().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Completes when the handshake is done; fails if the connection closes first. */
    CompletableFuture<Void> opened() {
        return opened;
    }

    /** Sends {@code frame} and returns the next frame received, or throws TimeoutException after {@code watchdog}. */
    String roundTrip(String frame, Duration watchdog) throws Exception {
        send(frame);
        String reply = replies.poll(watchdog.toNanos(), TimeUnit.NANOSECONDS);
        if (reply == null) {
            throw new TimeoutException("no frame within " + watchdog);
        }
        return reply;
    }

    /** Drops frames that arrived after their round trip gave up. */
    void drain() {
        if (replies != null) {
            replies.clear();
        }
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        opened.complete(null);
    }

    @Override
    public void onMessage(String text) {
        onText.accept(text);
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        log.debug("ignored a binary frame of {} bytes", bytes.remaining());
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        opened.completeExceptionally(new IllegalStateException("closed with " + code + " " + reason));
    }

    @Override
    public void onError(Exception e) {
        log.debug("raw client error on {}: {}", getURI(), e.toString());
    }
}
