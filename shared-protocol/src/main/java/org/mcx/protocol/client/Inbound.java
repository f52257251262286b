package org.mcx.protocol.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.mcx.protocol.Envelope;
import org.mcx.protocol.EnvelopeException;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.wire.Codec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes a frame from the server: replies to their requests, events to the subscription, requests to handlers. */
final class Inbound {
    private static final Logger log = LoggerFactory.getLogger(Inbound.class);

    private final Codec codec;
    private final EventSubscription events;
    private final ServerRequests serverRequests;

    Inbound(Codec codec, EventSubscription events, ServerRequests serverRequests) {
        this.codec = codec;
        this.events = events;
        this.serverRequests = serverRequests;
    }

    void accept(Link link, String text) {
        Envelope envelope;
        try {
            envelope = codec.parse(text);
        } catch (EnvelopeException e) {
            unreadable(link, text, e);
            return;
        }
        if (envelope.isResponse()) {
            link.pending().complete(envelope);
        } else if (envelope.isEvent()) {
            event(link, envelope);
        } else if (envelope.isRequest()) {
            serverRequests.handle(link, envelope);
        } else if (envelope.isError()) {
            JsonNode body = envelope.body();
            log.warn("{}: the server could not read a frame of ours: {} {}", link,
                    body == null ? null : body.path("code").asText(), body == null ? null : body.path("message").asText());
        } else {
            log.warn("{}: ignored a frame of type {} that is neither request, reply nor event", link, envelope.type());
        }
    }

    private void event(Link link, Envelope envelope) {
        Common.Event event;
        try {
            event = codec.decode(envelope.body(), Common.Event.class);
        } catch (ProtocolException e) {
            log.warn("{}: ignored an unreadable event: {} ({})", link, e.getMessage(), e.field());
            return;
        }
        events.deliver(event);
    }

    private void unreadable(Link link, String text, EnvelopeException e) {
        if (e.replyTo() != null) {
            log.warn("{}: unreadable request {} from the server: {} ({})", link, e.replyTo(), e.getMessage(), e.field());
            link.reply(codec.error(e.replyTo(), e), e.replyTo());
            return;
        }
        // The codec refuses an error whose "re" is null (the server could not read one of our
        // frames), yet that error is the most useful thing to log.
        JsonNode root = null;
        try {
            root = codec.mapper().readTree(text);
        } catch (JsonProcessingException notJson) {
            log.debug("{}: frame is not JSON", link, notJson);
        }
        if (root != null && root.isObject() && Envelope.ERROR.equals(root.path("type").asText())) {
            JsonNode body = root.path("body");
            log.warn("{}: the server could not read a frame of ours: {} {} ({})", link, body.path("code").asText(),
                    body.path("message").asText(), body.path("field").asText(null));
        } else {
            log.warn("{}: ignored an unreadable frame from the server: {} ({})", link, e.getMessage(), e.field());
        }
    }
}
