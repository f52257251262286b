package org.mcx.protocol.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.mcx.protocol.Envelope;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.wire.Codec;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers requests the server sends: finds the handler from the type in one hop, decodes the body
 * (a bad one is the server's mistake: {@code BAD_REQUEST}), runs the handler on the dispatcher and
 * sends exactly one response or error.
 */
final class ServerRequests {
    private static final Logger log = LoggerFactory.getLogger(ServerRequests.class);

    private final String name;
    private final Codec codec;
    private final Map<MessageType, AsyncRequestHandler<Body>> handlers;

    ServerRequests(String name, Codec codec, Map<MessageType, AsyncRequestHandler<Body>> handlers) {
        this.name = name;
        this.codec = codec;
        this.handlers = Map.copyOf(handlers);
    }

    void handle(Link link, Envelope request) {
        MessageType type = MessageType.ofWireName(request.type()).orElse(null);
        AsyncRequestHandler<Body> handler = type == null ? null : handlers.get(type);
        if (handler == null) {
            log.warn("{}: the server sent {} {}, which this client does not handle", link, request.type(), request.id());
            link.reply(codec.error(request.id(), ErrorCode.UNKNOWN_TYPE,
                    "this client does not handle " + request.type(), "type"), request.id());
            return;
        }
        Body body;
        try {
            body = codec.decode(request.body(), type.requestBody());
        } catch (ProtocolException e) {
            log.warn("{}: bad {} {} from the server: {} ({})", link, request.type(), request.id(), e.getMessage(), e.field());
            link.reply(codec.error(request.id(), e), request.id());
            return;
        }
        CompletionStage<? extends Body> answer;
        try {
            answer = handler.handle(body);
            if (answer == null) {
                answer = CompletableFuture.failedFuture(new IllegalStateException("the handler returned no stage"));
            }
        } catch (Exception | LinkageError | AssertionError e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((result, error) -> respond(link, request.id(), type, result, error));
    }

    private void respond(Link link, String re, MessageType type, Body result, Throwable error) {
        String frame;
        if (error != null) {
            Throwable cause = unwrap(error);
            if (cause instanceof ProtocolException e) {
                log.info("{}: answered {} {} with {}: {}", link, type.wireName(), re, e.code(), e.getMessage());
                frame = codec.error(re, e);
            } else {
                log.error("{}: the handler for {} {} failed", link, type.wireName(), re, cause);
                frame = internalError(re);
            }
        } else if (!type.responseBody().isInstance(result)) {
            log.error("{}: the handler for {} {} returned {} instead of a {}", link, type.wireName(), re,
                    result == null ? "null" : result.getClass().getName(), type.responseBody().getSimpleName());
            frame = internalError(re);
        } else {
            frame = codec.response(re, type, result);
            if (Utf8.length(frame) > codec.maxMessageBytes()) {
                log.error("{}: the answer to {} {} exceeds {} bytes", link, type.wireName(), re, codec.maxMessageBytes());
                frame = codec.error(re, ErrorCode.TOO_LARGE, "the answer is too large", null);
            } else {
                log.debug("{}: answered {} {}", name, type.wireName(), re);
            }
        }
        link.reply(frame, re);
    }

    private String internalError(String re) {
        // Never the exception's text: it may name hosts, files or secrets.
        return codec.error(re, ErrorCode.INTERNAL, "internal error", null);
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
