package org.mcx.protocol.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
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
 * The requests of one connection that wait for their answer, by id. Each is settled exactly once:
 * by its reply, its timeout or the loss of the connection, whichever removes it from the map first.
 * Replies and timeouts are settled on the dispatcher thread, so callbacks never run on the socket's.
 */
final class PendingRequests {
    private static final Logger log = LoggerFactory.getLogger(PendingRequests.class);

    private record Pending<R extends Body>(String id, MessageType type, Class<R> responseType,
                                           CompletableFuture<R> future, ScheduledFuture<?> timeout) {
    }

    private final Map<String, Pending<?>> byId = new ConcurrentHashMap<>();
    private final Dispatcher dispatcher;
    private final Codec codec;
    private final String link;
    private ConnectionLostException closedWith; // guarded by this

    PendingRequests(Dispatcher dispatcher, Codec codec, String link) {
        this.dispatcher = dispatcher;
        this.codec = codec;
        this.link = link;
    }

    /** Registers a request before it is sent, so that even an instant reply finds it. */
    synchronized <R extends Body> CompletableFuture<R> add(String id, MessageType type, Class<R> responseType,
                                                          Duration timeout) {
        if (closedWith != null) {
            return CompletableFuture.failedFuture(closedWith);
        }
        CompletableFuture<R> future = new CompletableFuture<>();
        ScheduledFuture<?> timer;
        try {
            timer = dispatcher.schedule(() -> expire(id, timeout), timeout);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new ConnectionLostException("client closed"));
        }
        byId.put(id, new Pending<>(id, type, responseType, future, timer));
        return future;
    }

    /** The request could not be sent; called on the sender's thread. */
    void fail(String id, Throwable error) {
        Pending<?> p = byId.remove(id);
        if (p != null) {
            p.timeout().cancel(false);
            p.future().completeExceptionally(error);
        }
    }

    /** Settles the request that {@code reply} answers; on the dispatcher thread. */
    void complete(Envelope reply) {
        Pending<?> p = byId.remove(reply.re());
        if (p == null) {
            log.debug("{}: ignored a reply to {}: no request waits for it (answered after its timeout?)",
                    link, reply.re());
            return;
        }
        p.timeout().cancel(false);
        settle(p, reply);
    }

    /** Fails every waiting request and any request added later. */
    void failAll(ConnectionLostException error) {
        synchronized (this) {
            if (closedWith == null) {
                closedWith = error;
            }
        }
        List<Pending<?>> failed = new ArrayList<>();
        for (String id : List.copyOf(byId.keySet())) {
            Pending<?> p = byId.remove(id);
            if (p != null) {
                failed.add(p);
            }
        }
        if (!failed.isEmpty()) {
            log.info("{}: {} request(s) failed: {}", link, failed.size(), error.getMessage());
        }
        for (Pending<?> p : failed) {
            p.timeout().cancel(false);
            p.future().completeExceptionally(error);
        }
    }

    int size() {
        return byId.size();
    }

    private void expire(String id, Duration timeout) {
        Pending<?> p = byId.remove(id);
        if (p != null) {
            log.warn("{}: no answer to {} {} within {} ms", link, p.type().wireName(), id, timeout.toMillis());
            p.future().completeExceptionally(new TimeoutException(
                    "no answer to " + p.type().wireName() + " " + id + " within " + timeout.toMillis() + " ms"));
        }
    }

    private <R extends Body> void settle(Pending<R> p, Envelope reply) {
        if (reply.isError()) {
            p.future().completeExceptionally(remoteError(p, reply));
            return;
        }
        if (!p.type().wireName().equals(reply.type())) {
            log.warn("{}: reply of type {} to {} {}", link, reply.type(), p.type().wireName(), p.id());
            p.future().completeExceptionally(new ProtocolException(ErrorCode.BAD_REQUEST,
                    "the server answered " + p.type().wireName() + " with " + reply.type(), "type"));
            return;
        }
        try {
            p.future().complete(codec.decode(reply.body(), p.responseType()));
        } catch (ProtocolException e) {
            log.warn("{}: unreadable reply to {} {}: {} ({})", link, p.type().wireName(), p.id(),
                    e.getMessage(), e.field());
            p.future().completeExceptionally(e);
        }
    }

    private RemoteException remoteError(Pending<?> p, Envelope reply) {
        try {
            Common.ErrorBody error = codec.decode(reply.body(), Common.ErrorBody.class);
            log.debug("{}: {} {} answered {} {}", link, p.type().wireName(), p.id(), error.code(), error.field());
            return new RemoteException(error.code(), error.message(), error.field());
        } catch (ProtocolException e) {
            // A code this version does not know: keep the server's words, and say it is unreadable.
            String message = reply.body() == null ? null : reply.body().path("message").asText(null);
            log.warn("{}: unreadable error reply to {} {}: {}", link, p.type().wireName(), p.id(), e.getMessage());
            return new RemoteException(ErrorCode.INTERNAL, "unreadable error reply: " + message, null);
        }
    }
}
