package org.mcx.backend.transport;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.mcx.protocol.Codec;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.Envelope;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.MessageType;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Common;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection on one path: its authenticated principal, what it has asked and not yet
 * been answered, and what the server has asked it. Sends never block; a peer that stops reading
 * is disconnected once too many frames wait for it.
 */
public final class PeerSession {
    private static final Logger log = LoggerFactory.getLogger(PeerSession.class);
    static final int MAX_QUEUED_FRAMES = 100_000;
    public static final int CLOSE_UNAUTHENTICATED = 4401;
    public static final int CLOSE_FLOOD = 4429;

    private final Endpoint endpoint;
    private final Session session;
    private final Codec codec;
    private final String remoteAddress;
    private final Timers timers;
    private volatile Principal principal;
    private final AtomicInteger queuedFrames = new AtomicInteger();
    private final AtomicLong nextRequestId = new AtomicLong();
    private final Map<String, CompletableFuture<JsonNode>> awaitingPeer = new ConcurrentHashMap<>();
    private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger closed = new AtomicInteger();
    final FloodGuard floodGuard;

    PeerSession(Endpoint endpoint, Session session, Codec codec, Timers timers, FloodGuard floodGuard) {
        this.endpoint = endpoint;
        this.session = session;
        this.codec = codec;
        this.timers = timers;
        this.floodGuard = floodGuard;
        this.remoteAddress = String.valueOf(session.getRemoteSocketAddress());
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public Principal principal() {
        return principal;
    }

    public boolean isAuthenticated() {
        return principal != null;
    }

    /** Marks the connection authenticated; called by the authentication handlers. */
    public void authenticate(Principal who) {
        this.principal = who;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public boolean isOpen() {
        return closed.get() == 0 && session.isOpen();
    }

    /** Queues a text frame; never blocks. */
    public void send(String frame) {
        if (!isOpen()) {
            return;
        }
        if (queuedFrames.incrementAndGet() > MAX_QUEUED_FRAMES) {
            queuedFrames.decrementAndGet();
            log.warn("{} on {} is not reading; disconnecting", describe(), endpoint.path());
            close(1008, "peer too slow");
            return;
        }
        session.sendText(frame, Callback.from(queuedFrames::decrementAndGet, failure -> {
            queuedFrames.decrementAndGet();
            log.debug("send to {} failed: {}", describe(), failure.toString());
        }));
    }

    public void sendError(String re, ProtocolException e) {
        send(codec.error(re, e));
    }

    /** Sends a server-initiated request; completes with the response body, or fails on error or timeout. */
    public CompletableFuture<JsonNode> request(MessageType type, Body body, Duration timeout) {
        String id = nextRequestId();
        return requestEncoded(id, codec.request(id, type, body), type.wireName(), timeout);
    }

    /**
     * Sends a request encoded elsewhere under {@code id}: a fan-out encodes one frame, with one id,
     * for many sessions, and each session awaits its own answer to it. The id must be unique among
     * this session's unanswered server requests.
     */
    public CompletableFuture<JsonNode> requestEncoded(String id, String frame, String what, Duration timeout) {
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        if (awaitingPeer.putIfAbsent(id, reply) != null) {
            throw new IllegalStateException("request id " + id + " is already awaited on " + describe());
        }
        ScheduledFuture<?> timer = timers.schedule(() -> reply.completeExceptionally(
                new ProtocolException(ErrorCode.UNAVAILABLE, what + " not answered in time")),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        reply.whenComplete((r, e) -> {
            awaitingPeer.remove(id);
            timer.cancel(false);
        });
        send(frame);
        return reply;
    }

    /** A fresh id for a server-initiated request on this session. */
    public String nextRequestId() {
        return "s-" + nextRequestId.incrementAndGet();
    }

    void onResponse(Envelope envelope) {
        CompletableFuture<JsonNode> reply = awaitingPeer.get(envelope.re());
        if (reply == null) {
            log.debug("{} answered {} which nobody awaits", describe(), envelope.re());
            return;
        }
        if (envelope.isError()) {
            Common.ErrorBody err = codec.decode(envelope.body(), Common.ErrorBody.class);
            reply.completeExceptionally(new ProtocolException(err.code(), err.message(), err.field()));
        } else {
            reply.complete(envelope.body());
        }
    }

    /** Runs once when the connection closes, for whatever reason. */
    public void onClose(Runnable listener) {
        closeListeners.add(listener);
        if (closed.get() != 0) {
            listener.run();
        }
    }

    public void close(int code, String reason) {
        session.close(code, reason, Callback.NOOP);
    }

    void closed() {
        if (closed.getAndIncrement() != 0) {
            return;
        }
        ProtocolException gone = new ProtocolException(ErrorCode.UNAVAILABLE, "connection closed");
        awaitingPeer.values().forEach(f -> f.completeExceptionally(gone));
        for (Runnable r : closeListeners) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.error("close listener failed for {}", describe(), e);
            }
        }
    }

    public String describe() {
        Principal p = principal;
        return (p == null ? "unauthenticated peer" : p.name()) + " (" + remoteAddress + ")";
    }
}
