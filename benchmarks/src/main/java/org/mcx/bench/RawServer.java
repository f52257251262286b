package org.mcx.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The baseline server: bare Jetty 12 WebSocket, configured like the product's listener (same
 * thread pool, TCP_NODELAY, upgrade handler, auto-demanding endpoints) but with no protocol at all.
 * {@code /echo} sends every text frame back; {@code /subscribe} only receives; a text frame on
 * {@code /trigger} is sent to every {@code /subscribe} session, one after the other, on the thread
 * that read the trigger. Public because Jetty binds the endpoints' methods reflectively.
 */
public final class RawServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RawServer.class);
    static final String ECHO = "/echo";
    static final String SUBSCRIBE = "/subscribe";
    static final String TRIGGER = "/trigger";

    private final Server server;
    private final ServerConnector connector;
    private final Set<Session> subscribers = ConcurrentHashMap.newKeySet();

    private RawServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    static RawServer start() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(64, 8);
        threads.setName("raw-ws");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory());
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptedTcpNoDelay(true);
        connector.setReuseAddress(true);
        server.addConnector(connector);
        RawServer raw = new RawServer(server, connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(4L << 20);
            container.setIdleTimeout(Duration.ofMinutes(10));
            container.addMapping(ECHO, (request, response, callback) -> new Echo());
            container.addMapping(SUBSCRIBE, (request, response, callback) -> raw.new Subscriber());
            container.addMapping(TRIGGER, (request, response, callback) -> raw.new Trigger());
        }));
        server.setStopTimeout(2000);
        server.start();
        return raw;
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + path);
    }

    /** Waits until at least {@code count} subscribers are open on the server's side; false after {@code timeout}. */
    boolean awaitSubscribers(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (subscribers) {
            while (subscribers.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                subscribers.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("raw server did not stop cleanly: {}", e.toString());
        }
    }

    /** Echoes text frames. */
    public static final class Echo implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
        }

        @Override
        public void onWebSocketText(String text) {
            session.sendText(text, Callback.NOOP);
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            log.debug("raw echo connection error: {}", cause.toString());
        }
    }

    /** Receives broadcasts. */
    public final class Subscriber implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            synchronized (subscribers) {
                subscribers.add(session);
                subscribers.notifyAll();
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            subscribers.remove(session);
            callback.succeed();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            log.debug("raw subscriber connection error: {}", cause.toString());
        }
    }

    /** Sends each text frame it reads to every subscriber. */
    public final class Trigger implements Session.Listener.AutoDemanding {
        @Override
        public void onWebSocketText(String text) {
            for (Session s : subscribers) {
                s.sendText(text, Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            log.debug("raw trigger connection error: {}", cause.toString());
        }
    }
}
