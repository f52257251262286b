package org.mcx.backend.transport;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.wire.MessageType;

/** The table from message type to its handler; each feature package registers its own. */
public final class Handlers {
    private final Map<MessageType, Handler<?>> byType = new EnumMap<>(MessageType.class);

    public <B extends Body> Handlers on(MessageType type, Class<B> bodyType, Handler<B> handler) {
        if (!type.requestBody().equals(bodyType)) {
            throw new IllegalArgumentException(type + " carries " + type.requestBody().getSimpleName());
        }
        if (byType.putIfAbsent(type, handler) != null) {
            throw new IllegalStateException("two handlers for " + type);
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    Optional<Handler<Body>> find(MessageType type) {
        return Optional.ofNullable((Handler<Body>) byType.get(type));
    }
}
