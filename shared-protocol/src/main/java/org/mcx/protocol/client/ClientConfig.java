package org.mcx.protocol.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.wire.MessageType;

/**
 * Everything {@link ClientBuilder} collected, checked and frozen.
 *
 * @param uris the endpoint on every node of the system, in the order they are tried
 */
record ClientConfig(List<URI> uris,
                    Endpoint endpoint,
                    String name,
                    Authenticator authenticator,
                    Duration requestTimeout,
                    Duration connectTimeout,
                    Duration connectionLostTimeout,
                    int maxMessageBytes,
                    ReconnectPolicy reconnect,
                    boolean retryFirstConnect,
                    SSLContext sslContext,
                    List<Consumer<Common.Event>> eventListeners,
                    List<Consumer<LinkStatus>> stateListeners,
                    Map<MessageType, AsyncRequestHandler<Body>> handlers) {
    /** The first node's endpoint: where the client goes first. */
    URI uri() {
        return uris.get(0);
    }
}
