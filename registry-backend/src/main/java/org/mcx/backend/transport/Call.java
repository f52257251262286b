package org.mcx.backend.transport;

import org.mcx.protocol.message.Body;
import org.mcx.protocol.wire.MessageType;

/** One decoded request, as a handler sees it. */
public record Call<B extends Body>(PeerSession session, String id, MessageType type, B body, AfterReply afterReply) {
    public Call(PeerSession session, String id, MessageType type, B body) {
        this(session, id, type, body, new AfterReply());
    }

    public Principal principal() {
        return session.principal();
    }

    /** The authenticated principal as the expected kind; the router guarantees the endpoint's kind. */
    public <P extends Principal> P principal(Class<P> kind) {
        return kind.cast(session.principal());
    }

    /** Who to name in audit entries and update stamps. */
    public String actor() {
        Principal p = session.principal();
        return p == null ? "anonymous@" + session.remoteAddress() : p.name();
    }
}
