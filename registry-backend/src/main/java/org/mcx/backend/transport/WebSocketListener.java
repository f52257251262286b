package org.mcx.backend.transport;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.mcx.backend.tls.ServerTls;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.wire.Codec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one WebSocket listener (Jetty 12), with a mapping per path of PROTOCOL.md. */
public final class WebSocketListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebSocketListener.class);

    private final Server server;
    private final ServerConnector connector;
    private final ListenerConfig config;
    private final ListenerStats stats;

    private WebSocketListener(Server server, ServerConnector connector, ListenerConfig config, ListenerStats stats) {
        this.server = server;
        this.connector = connector;
        this.config = config;
        this.stats = stats;
    }

    public ListenerStats stats() {
        return stats;
    }

    public static WebSocketListener start(ListenerConfig config, Router router, Codec codec, Timers timers) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(64, 8);
        threads.setName("mcx-ws");
        Server server = new Server(threads);
        ServerConnector connector = config.tls()
                ? new ServerConnector(server, ServerTls.fromKeystore(config.keystore(), config.keystorePassword()), new HttpConnectionFactory())
                : new ServerConnector(server, new HttpConnectionFactory());
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setAcceptedTcpNoDelay(true);
        connector.setReuseAddress(true);
        server.addConnector(connector);
        ListenerStats stats = new ListenerStats();
        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, container -> {
            // Up to 4x the protocol limit is read and answered TOO_LARGE; beyond that Jetty closes with 1009.
            container.setMaxTextMessageSize(4L * config.maxMessageBytes());
            // Binary frames are refused (1003) whatever they hold; a large one is cut off first (1009).
            container.setMaxBinaryMessageSize(1024);
            container.setIdleTimeout(config.idleTimeout());
            for (Endpoint endpoint : Endpoint.values()) {
                container.addMapping(endpoint.path(), (request, response, callback) ->
                        new Connection(endpoint, router, codec, timers, config, stats));
            }
        });
        server.setHandler(upgrade);
        server.setStopTimeout(2000);
        server.start();
        WebSocketListener listener = new WebSocketListener(server, connector, config, stats);
        log.info("WebSocket listener on {}", listener.url());
        return listener;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return (config.tls() ? "wss://" : "ws://") + host + ":" + port();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /**
     * Jetty's endpoint for one connection: hands frames to the router, in order, on Jetty's thread.
     * It asks for each next frame itself, and does not while the peer is backlogged: a peer that
     * sends requests without reading the answers then waits in TCP, not in this heap.
     */
    public static final class Connection implements Session.Listener {
        private final Endpoint endpoint;
        private final Router router;
        private final Codec codec;
        private final Timers timers;
        private final ListenerConfig config;
        private final ListenerStats stats;
        private final Set<String> inFlight = Router.newInFlightSet();
        private final AtomicBoolean readingPaused = new AtomicBoolean();
        private volatile Session session;
        private volatile PeerSession peer;

        Connection(Endpoint endpoint, Router router, Codec codec, Timers timers, ListenerConfig config,
                   ListenerStats stats) {
            this.endpoint = endpoint;
            this.router = router;
            this.codec = codec;
            this.timers = timers;
            this.config = config;
            this.stats = stats;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            FloodGuard guard = endpoint == Endpoint.CSC14
                    ? new FloodGuard(config.csc14RequestsPerSecond()) : FloodGuard.unlimited();
            ConnectionLimits limits = config.limits();
            PeerSession p = new PeerSession(endpoint, session, codec, timers, guard,
                    new SendBacklog(limits, stats.queuedBytes), limits.slowPeerTimeout(), stats);
            p.onDrained(this::resumeReading);
            peer = p;
            timers.schedule(() -> {
                if (!p.isAuthenticated() && p.isOpen()) {
                    p.close(PeerSession.CLOSE_UNAUTHENTICATED, "not authenticated in time");
                }
            }, config.authTimeout().toMillis(), TimeUnit.MILLISECONDS);
            session.demand();
        }

        @Override
        public void onWebSocketText(String message) {
            router.onFrame(peer, inFlight, message);
            demandUnlessBacklogged();
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            callback.succeed();
            session.close(StatusCode.BAD_DATA, "binary frames are not accepted; send text frames", Callback.NOOP);
        }

        private void demandUnlessBacklogged() {
            if (!peer.isBacklogged()) {
                session.demand();
                return;
            }
            readingPaused.set(true);
            // The backlog may have drained between the check and the flag: then nobody else resumes.
            resumeReading();
        }

        private void resumeReading() {
            if (readingPaused.get() && !peer.isBacklogged() && readingPaused.compareAndSet(true, false)) {
                session.demand();
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            PeerSession p = peer;
            if (p != null) {
                p.closed();
            }
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            log.debug("WebSocket error on {}: {}", endpoint.path(), cause.toString());
        }
    }
}
