package org.mcx.backend.transport;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.Envelope;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.wire.Codec;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection on one path: its authenticated principal, what it has asked and not yet
 * been answered, and what the server has asked it. Sends never block; a peer that stops reading
 * is dropped once the bytes waiting for it pass their bound, or stay above the level that pauses
 * reading for longer than the slow-peer timeout ({@link ConnectionLimits}).
 */
public final class PeerSession {
    private static final Logger log = LoggerFactory.getLogger(PeerSession.class);
    public static final int CLOSE_UNAUTHENTICATED = 4401;
    public static final int CLOSE_FLOOD = 4429;

    private final Endpoint endpoint;
    private final Session session;
    private final Codec codec;
    private final String remoteAddress;
    private final Timers timers;
    private volatile Principal principal;
    private final SendBacklog backlog;
    private final ListenerStats stats;
    private final Duration slowPeerTimeout;
    private final AtomicBoolean slowPeerTimerArmed = new AtomicBoolean();
    private final AtomicLong drainedCount = new AtomicLong();
    private volatile Runnable onDrained = () -> { };
    private final AtomicLong nextRequestId = new AtomicLong();
    private final Map<String, CompletableFuture<JsonNode>> awaitingPeer = new ConcurrentHashMap<>();
    private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicBoolean slowDropLogged = new AtomicBoolean();
    private final AtomicBoolean floodClosed = new AtomicBoolean();
    final FloodGuard floodGuard;

    PeerSession(Endpoint endpoint, Session session, Codec codec, Timers timers, FloodGuard floodGuard,
                SendBacklog backlog, Duration slowPeerTimeout, ListenerStats stats) {
        this.endpoint = endpoint;
        this.stats = stats;
        this.backlog = backlog;
        this.slowPeerTimeout = slowPeerTimeout;
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
        long bytes = Codec.utf8Length(frame);
        if (!backlog.reserve(bytes)) {
            dropSlowPeer(backlog.queuedBytes() + " bytes wait for it");
            return;
        }
        session.sendText(frame, Callback.from(() -> written(bytes), failure -> {
            written(bytes);
            log.debug("send to {} failed: {}", describe(), failure.toString());
        }));
        if (backlog.isBacklogged()) {
            armSlowPeerTimer();
        }
    }

    private void written(long bytes) {
        boolean wasBacklogged = backlog.isBacklogged();
        backlog.release(bytes);
        if (wasBacklogged && !backlog.isBacklogged()) {
            drainedCount.incrementAndGet();
            onDrained.run();
        }
    }

    /** Whether reading this peer's next frame should wait until it has read what waits for it. */
    boolean isBacklogged() {
        return backlog.isBacklogged();
    }

    /** Runs whenever this peer's backlog falls back below the level that pauses reading. */
    void onDrained(Runnable action) {
        this.onDrained = action;
    }

    /** Drops the peer if it is still backlogged, without having drained once, when the timeout ends. */
    private void armSlowPeerTimer() {
        if (!slowPeerTimerArmed.compareAndSet(false, true)) {
            return;
        }
        long drainedBefore = drainedCount.get();
        timers.schedule(() -> {
            slowPeerTimerArmed.set(false);
            if (!isOpen() || !backlog.isBacklogged()) {
                return;
            }
            if (drainedCount.get() == drainedBefore) {
                dropSlowPeer("it has read nothing of its backlog in " + slowPeerTimeout.toSeconds() + " s");
            } else {
                armSlowPeerTimer();
            }
        }, slowPeerTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Drops the TCP connection at once: a close frame would wait behind the backlog the peer is not
     * reading, and the backlog's memory is what must be freed.
     */
    private void dropSlowPeer(String why) {
        if (closed.get() == 0 && slowDropLogged.compareAndSet(false, true)) {
            stats.slowPeersDropped.incrementAndGet();
            log.warn("{} on {} is not reading ({}); disconnecting", describe(), endpoint.path(), why);
        }
        session.disconnect();
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

    /**
     * Runs once when the connection closes, for whatever reason (at once if it has). Returns what
     * unregisters it, for listeners that outlive their purpose before the connection does.
     */
    public Runnable onClose(Runnable listener) {
        closeListeners.add(listener);
        if (closed.get() != 0) {
            listener.run();
        }
        return () -> closeListeners.remove(listener);
    }

    public void close(int code, String reason) {
        if (code == CLOSE_FLOOD && floodClosed.compareAndSet(false, true)) {
            stats.floodersClosed.incrementAndGet();
        }
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
