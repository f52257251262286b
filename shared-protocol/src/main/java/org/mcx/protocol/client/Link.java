package org.mcx.protocol.client;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.ServerHandshake;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.wire.Codec;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection attempt. Java-WebSocket's client cannot be reopened reliably, so every attempt
 * is a new Link with its own request ids ("c-1", "c-2", ...) and its own pending requests. Its
 * callbacks arrive on the library's reading thread and are handed to the dispatcher at once.
 */
final class Link extends WebSocketClient {
    private static final Logger log = LoggerFactory.getLogger(Link.class);
    private static final AtomicLong NUMBERS = new AtomicLong();

    interface Listener {
        void opened(Link link);

        void received(Link link, String text);

        void closed(Link link, int code, String reason, boolean remote);
    }

    private final String label;
    private final Codec codec;
    private final int maxMessageBytes;
    private final Dispatcher dispatcher;
    private final Listener listener;
    private final PendingRequests pending;
    private final AtomicLong ids = new AtomicLong();
    private volatile Exception lastError;
    private volatile Throwable failure;
    private volatile int localCloseCode;
    private volatile boolean abandoned;

    Link(ClientConfig config, URI uri, Codec codec, Dispatcher dispatcher, Listener listener) {
        // The frame cap also bounds a fragmented message's buffer; without it Java-WebSocket
        // allocates whatever length a frame header declares (up to 2 GiB). No extensions: its
        // per-message deflate is broken in 1.6.0.
        super(uri, new Draft_6455(List.of(), config.maxMessageBytes()), Map.of(),
                (int) config.connectTimeout().toMillis());
        this.label = config.name() + "#" + NUMBERS.incrementAndGet();
        this.codec = codec;
        this.maxMessageBytes = config.maxMessageBytes();
        this.dispatcher = dispatcher;
        this.listener = listener;
        this.pending = new PendingRequests(dispatcher, codec, label);
        setTcpNoDelay(true);
        setDaemon(true);
        setConnectionLostTimeout((int) Math.max(1, config.connectionLostTimeout().toSeconds()));
        if (config.sslContext() != null) {
            setSocketFactory(config.sslContext().getSocketFactory());
        }
    }

    <R extends Body> CompletableFuture<R> request(MessageType type, Body body, Class<R> responseType,
                                                  Duration timeout) {
        String id = "c-" + ids.incrementAndGet();
        String frame = codec.request(id, type, body);
        int size = Utf8.length(frame);
        if (size > maxMessageBytes) {
            log.warn("{}: not sending {} {}: {} bytes exceed the limit of {}", label, type.wireName(), id, size,
                    maxMessageBytes);
            return CompletableFuture.failedFuture(new ProtocolException(ErrorCode.TOO_LARGE,
                    "message of " + size + " bytes exceeds the limit of " + maxMessageBytes + " bytes"));
        }
        CompletableFuture<R> future = pending.add(id, type, responseType, timeout);
        if (future.isDone()) {
            return future;
        }
        log.debug("{}: sending {} {}", label, type.wireName(), id);
        try {
            send(frame);
        } catch (WebsocketNotConnectedException e) {
            log.debug("{}: could not send {} {}: not connected", label, type.wireName(), id, e);
            pending.fail(id, new ConnectionLostException("connection lost"));
        }
        return future;
    }

    /** Sends a reply; a link that closed meanwhile has nobody left to answer. */
    void reply(String frame, String re) {
        try {
            send(frame);
        } catch (WebsocketNotConnectedException e) {
            log.warn("{}: could not answer {}: the link is closed", label, re, e);
        }
    }

    /**
     * Closes the link for good, even while it is still connecting: Java-WebSocket ignores close()
     * before its write thread exists, so the open that follows is refused here instead.
     */
    void abandon(String why) {
        abandoned = true;
        close(1000, why);
    }

    PendingRequests pending() {
        return pending;
    }

    Exception lastError() {
        return lastError;
    }

    /** Why authentication did not complete, when it failed without closing the socket. */
    Throwable failure() {
        return failure;
    }

    void failure(Throwable cause) {
        this.failure = cause;
    }

    /** The code with which this side began closing (e.g. 1009 for a frame over the cap), or 0. */
    int localCloseCode() {
        return localCloseCode;
    }

    @Override
    public void onCloseInitiated(int code, String reason) {
        localCloseCode = code;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        if (abandoned) {
            close(1000, "abandoned");
            return;
        }
        dispatcher.execute(() -> listener.opened(this));
    }

    @Override
    public void onMessage(String text) {
        dispatcher.execute(() -> listener.received(this, text));
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        log.warn("{}: ignored a binary frame of {} bytes; the protocol uses text frames", label, bytes.remaining());
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        dispatcher.execute(() -> listener.closed(this, code, reason, remote));
    }

    @Override
    public void onError(Exception e) {
        // Usually followed by onClose, which reports it; kept for the reason of a failed connect.
        lastError = e;
        if (e instanceof IOException) {
            log.debug("{}: WebSocket error: {}", label, e.toString());
        } else {
            log.warn("{}: WebSocket error", label, e);
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
