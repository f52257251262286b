package org.mcx.backend.transport;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.Envelope;
import org.mcx.protocol.EnvelopeException;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.wire.Codec;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes one frame: envelope, then authentication, then the type (known? on this path? for this
 * role?), then the body, then the handler. That order is the contract: a peer that may not send a
 * message learns nothing about its body rules.
 */
public final class Router {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final Codec codec;
    private final Handlers handlers;
    private final DenialListener denials;
    private final RequestMeters meters;

    public Router(Codec codec, Handlers handlers, DenialListener denials) {
        this(codec, handlers, denials, RequestMeters.discarded());
    }

    public Router(Codec codec, Handlers handlers, DenialListener denials, RequestMeters meters) {
        this.codec = codec;
        this.handlers = handlers;
        this.denials = denials;
        this.meters = meters;
    }

    void onFrame(PeerSession session, Set<String> inFlightIds, String text) {
        Envelope envelope;
        try {
            envelope = codec.parse(text);
        } catch (EnvelopeException e) {
            session.sendError(e.replyTo(), e);
            return;
        }
        if (envelope.isResponse()) {
            session.onResponse(envelope);
            return;
        }
        if (envelope.isError()) {
            // Never answer an error: two peers would bounce errors at each other for ever.
            log.warn("{} on {} sent an unaddressed error: {}", session.describe(), session.endpoint().path(),
                    envelope.body());
            return;
        }
        if (!envelope.isRequest()) {
            session.sendError(null, ProtocolException.badRequest("id", "a request needs an id"));
            return;
        }
        boolean authenticated = session.isAuthenticated();
        if (!session.floodGuard.admit(authenticated)) {
            // Counted before anything else, so that a flood costs neither lookups nor audit rows.
            session.sendError(envelope.id(), new ProtocolException(ErrorCode.RATE_LIMITED, "too many requests; slow down"));
            if (session.floodGuard.isFlooding(authenticated)) {
                log.warn("{} floods {}; disconnecting", session.describe(), session.endpoint().path());
                session.close(PeerSession.CLOSE_FLOOD, "flooding");
            }
            return;
        }
        if (!route(session, inFlightIds, envelope)) {
            session.floodGuard.finished();
        }
    }

    /** Checks an admitted request in the contract's order; true if a handler took it. */
    private boolean route(PeerSession session, Set<String> inFlightIds, Envelope envelope) {
        String id = envelope.id();
        Optional<MessageType> known = MessageType.ofWireName(envelope.type());
        if (!session.isAuthenticated() && (known.isEmpty() || !known.get().isAuthentication())) {
            deny(session, id, envelope.type(), ErrorCode.UNAUTHENTICATED, "authenticate first");
            return false;
        }
        if (known.isEmpty()) {
            session.sendError(id, new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown type " + envelope.type(), "type"));
            return false;
        }
        MessageType type = known.get();
        String refusal = refusal(session, type);
        if (refusal != null) {
            deny(session, id, type.wireName(), ErrorCode.FORBIDDEN, refusal);
            return false;
        }
        if (!inFlightIds.add(id)) {
            session.sendError(id, new ProtocolException(ErrorCode.CONFLICT, "request id " + id + " is still being answered", "id"));
            return false;
        }
        dispatch(session, inFlightIds, id, type, envelope);
        return true;
    }

    private void dispatch(PeerSession session, Set<String> inFlightIds, String id, MessageType type, Envelope envelope) {
        long started = System.nanoTime();
        CompletionStage<? extends Body> reply;
        AfterReply afterReply = new AfterReply();
        try {
            Body body = codec.decode(envelope.body(), type.requestBody());
            Handler<Body> handler = handlers.find(type)
                    .orElseThrow(() -> new ProtocolException(ErrorCode.UNAVAILABLE, type.wireName() + " is not served here"));
            reply = handler.handle(new Call<>(session, id, type, body, afterReply));
        } catch (RuntimeException e) {
            reply = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((result, failure) -> {
            inFlightIds.remove(id);
            session.floodGuard.finished();
            if (failure == null) {
                session.send(codec.response(id, type, result));
                meters.record(type, "ok", System.nanoTime() - started);
                afterReply.run();
            } else {
                ProtocolException error = toProtocolError(session, type, failure);
                session.sendError(id, error);
                meters.record(type, error.code().name(), System.nanoTime() - started);
            }
        });
    }

    private ProtocolException toProtocolError(PeerSession session, MessageType type, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ProtocolException pe) {
            if (pe.code() == ErrorCode.FORBIDDEN || pe.code() == ErrorCode.UNAUTHENTICATED) {
                denials.denied(session, type.wireName(), pe.code(), pe.getMessage());
            }
            return pe;
        }
        String ref = UUID.randomUUID().toString().substring(0, 8);
        log.error("{} from {} failed (ref {})", type.wireName(), session.describe(), ref, cause);
        return new ProtocolException(ErrorCode.INTERNAL, "internal error (ref " + ref + ")");
    }

    /** Why this peer may not send this type here, or null if it may. */
    private static String refusal(PeerSession session, MessageType type) {
        Endpoint endpoint = session.endpoint();
        if (!type.allowedOn(endpoint) || type.sender() == MessageType.Sender.SERVER) {
            return type.wireName() + " is not allowed on " + endpoint.path();
        }
        if (session.isAuthenticated() && type.isAuthentication()) {
            return "already authenticated";
        }
        if (type.role() != null && session.principal() instanceof Principal.ConsoleUser user && !user.may(type.role())) {
            return type.wireName() + " needs the " + type.role() + " role";
        }
        return null;
    }

    private void deny(PeerSession session, String id, String type, ErrorCode code, String reason) {
        session.sendError(id, new ProtocolException(code, reason));
        denials.denied(session, type, code, reason);
    }

    static Set<String> newInFlightSet() {
        return ConcurrentHashMap.newKeySet();
    }
}
