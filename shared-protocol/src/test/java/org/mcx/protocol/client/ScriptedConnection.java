package org.mcx.protocol.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.Envelope;
import org.mcx.protocol.EnvelopeException;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.wire.Codec;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server's side of one client connection of a {@link ScriptedServer}. */
public final class ScriptedConnection implements Session.Listener.AutoDemanding {
    private static final Logger log = LoggerFactory.getLogger(ScriptedConnection.class);

    /** How the connection ended, as the server saw it. */
    public record Closed(int code, String reason) {
    }

    private final ScriptedServer server;
    private final Endpoint endpoint;
    private final Codec codec;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, CompletableFuture<Envelope>> replies = new ConcurrentHashMap<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private volatile Session session;
    private volatile boolean authenticated;

    ScriptedConnection(ScriptedServer server, Endpoint endpoint, Codec codec) {
        this.server = server;
        this.endpoint = endpoint;
        this.codec = codec;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public boolean authenticated() {
        return authenticated;
    }

    public CompletableFuture<Closed> closed() {
        return closed;
    }

    /** Sends a frame as it is and waits until it is written. */
    public synchronized void send(String frame) {
        Callback.Completable written = new Callback.Completable();
        session.sendText(frame, written);
        try {
            written.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to the client", e);
        }
    }

    public void reply(Envelope request, Body body) {
        MessageType type = MessageType.ofWireName(request.type()).orElseThrow();
        if (type.isAuthentication()) {
            authenticated = true;
        }
        send(codec.response(request.id(), type, body));
    }

    public void replyError(Envelope request, ErrorCode code, String message, String field) {
        send(codec.error(request.id(), code, message, field));
    }

    public void sendEvent(long seq, String topic) {
        ObjectNode data = codec.mapper().createObjectNode().put("applicationId", "app-" + seq);
        send(codec.event(new Common.Event(seq, topic, Instant.now(), data)));
    }

    /** Sends a request to the client; the future holds its reply (a response or an error). */
    public CompletableFuture<Envelope> request(MessageType type, Body body) {
        String id = "s-" + ids.incrementAndGet();
        return requestRaw(id, codec.request(id, type, body));
    }

    /** Sends {@code frame}, a request with id {@code id}, as it is; the future holds its reply. */
    public CompletableFuture<Envelope> requestRaw(String id, String frame) {
        CompletableFuture<Envelope> reply = new CompletableFuture<>();
        replies.put(id, reply);
        send(frame);
        return reply;
    }

    public void close(int code, String reason) {
        session.close(code, reason, Callback.NOOP);
    }

    /** Drops the TCP connection without a close handshake, as a crash would. */
    public void disconnect() {
        session.disconnect();
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        server.accepted(this);
    }

    @Override
    public void onWebSocketText(String text) {
        Envelope envelope;
        try {
            envelope = codec.parse(text);
        } catch (EnvelopeException e) {
            log.warn("scripted server: unreadable frame: {}", e.getMessage());
            send(codec.error(e.replyTo(), e));
            return;
        }
        if (envelope.isResponse()) {
            CompletableFuture<Envelope> reply = replies.remove(envelope.re());
            if (reply != null) {
                reply.complete(envelope);
            } else {
                log.warn("scripted server: reply to unknown request {}", envelope.re());
            }
            return;
        }
        try {
            server.received(this, envelope);
        } catch (Exception e) {
            log.error("scripted server: script for {} failed", envelope.type(), e);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        closed.complete(new Closed(statusCode, reason));
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        log.debug("scripted server: connection error", cause);
    }
}
