package org.mcx.protocol.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.Envelope;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.Codec;
import org.mcx.protocol.wire.MessageType;

/**
 * A WebSocket server for tests that speaks the protocol's envelopes on every endpoint path and
 * answers by script, on 127.0.0.1 (an ephemeral port, or a given one to simulate a restart).
 * Authentication succeeds by default; a request before it gets {@code UNAUTHENTICATED}, as on
 * the real server. Requests without a script are recorded and left unanswered.
 *
 * <pre>{@code
 * try (ScriptedServer server = ScriptedServer.start()) {
 *     server.on(MessageType.SERVICES_LIST, ScriptedServer.respond(new Console.Services(List.of())));
 *     ... ProtocolClient.builder(server.uri(), Endpoint.ACMC) ...
 *     ScriptedServer.Received r = server.next("services.list");
 * }
 * }</pre>
 */
public final class ScriptedServer implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(10);
    public static final String TOKEN = "session-token-1";

    /** Answers (or not) one request; sends through the connection. */
    @FunctionalInterface
    public interface Script {
        void run(ScriptedConnection connection, Envelope request) throws Exception;
    }

    /** A request the server received, and on which connection. */
    public record Received(ScriptedConnection connection, Envelope envelope) {
    }

    private final Codec codec = new Codec(16 << 20);
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final BlockingQueue<ScriptedConnection> connections = new LinkedBlockingQueue<>();
    private final BlockingQueue<Received> requests = new LinkedBlockingQueue<>();
    private final List<Received> allRequests = new CopyOnWriteArrayList<>();
    private final Server server;
    private final ServerConnector connector;
    private volatile int port;

    private final boolean tls;

    private ScriptedServer(int requestedPort, SslContextFactory.Server ssl) {
        this.tls = ssl != null;
        scripts.put(MessageType.AUTH_LOGIN.wireName(), respond(session()));
        scripts.put(MessageType.AUTH_RESUME.wireName(), respond(session()));
        scripts.put(MessageType.AUTH_APPLICATION.wireName(), (c, r) -> c.reply(r,
                new Auth.ApplicationSession(r.body().path("applicationId").asText(), "Test application")));
        scripts.put(MessageType.AUTH_NODE.wireName(), (c, r) -> c.reply(r, new Auth.NodeSession(r.body().path("nodeId").asText())));
        scripts.put(MessageType.AUTH_PARTNER.wireName(), (c, r) -> c.reply(r,
                new Auth.PartnerSession(r.body().path("systemId").asText())));
        scripts.put(MessageType.EVENTS_SUBSCRIBE.wireName(), respond(new Console.Subscribed(0)));
        server = new Server();
        connector = ssl == null ? new ServerConnector(server) : new ServerConnector(server, ssl);
        connector.setHost("127.0.0.1");
        connector.setPort(requestedPort);
        connector.setReuseAddress(true);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(16 << 20);
            container.setMaxFrameSize(16 << 20);
            container.setIdleTimeout(Duration.ofMinutes(5));
            for (Endpoint endpoint : Endpoint.values()) {
                container.addMapping(endpoint.path(), (req, resp, cb) -> new ScriptedConnection(this, endpoint, codec));
            }
        }));
        server.setStopTimeout(1000);
    }

    public static ScriptedServer start() throws Exception {
        return start(0, s -> { });
    }

    /**
     * On a given port (0 = any), e.g. the one of a server just stopped, to test reconnecting;
     * {@code setup} installs scripts before the first client can connect.
     */
    public static ScriptedServer start(int port, Consumer<ScriptedServer> setup) throws Exception {
        return start(new ScriptedServer(port, null), setup);
    }

    /** With TLS ({@code wss://}) from a PKCS#12 key store holding the server's key and certificate. */
    public static ScriptedServer startTls(Path keyStore, String password) throws Exception {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keyStore.toString());
        ssl.setKeyStorePassword(password);
        ssl.setKeyStoreType("PKCS12");
        return start(new ScriptedServer(0, ssl), s -> { });
    }

    private static ScriptedServer start(ScriptedServer s, Consumer<ScriptedServer> setup) throws Exception {
        setup.accept(s);
        s.server.start();
        s.port = s.connector.getLocalPort();
        return s;
    }

    public static Auth.Session session() {
        return new Auth.Session(TOKEN, Instant.parse("2030-01-01T00:00:00Z"),
                new Auth.UserInfo("admin", "Administrator", List.of(Role.ADMIN)));
    }

    public URI uri() {
        return URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public Codec codec() {
        return codec;
    }

    public ScriptedServer on(MessageType type, Script script) {
        return on(type.wireName(), script);
    }

    public ScriptedServer on(String wireType, Script script) {
        scripts.put(wireType, script);
        return this;
    }

    public static Script respond(Body body) {
        return (c, r) -> c.reply(r, body);
    }

    public static Script fail(ErrorCode code, String message, String field) {
        return (c, r) -> c.replyError(r, code, message, field);
    }

    /** The next connection accepted, waiting up to {@link #WAIT}. */
    public ScriptedConnection nextConnection() throws InterruptedException {
        return require(connections.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS), "no connection within " + WAIT);
    }

    /** A connection accepted within {@code wait}, or null: to check that none comes. */
    public ScriptedConnection pollConnection(Duration wait) throws InterruptedException {
        return connections.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next request received of {@code wireType}, skipping others, waiting up to {@link #WAIT}. */
    public Received next(String wireType) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Received r = requests.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            require(r, "no " + wireType + " request within " + WAIT);
            if (r.envelope().type().equals(wireType)) {
                return r;
            }
        }
    }

    /** Every request received so far, in order. */
    public List<Received> allRequests() {
        return List.copyOf(allRequests);
    }

    /** Stops listening and closes every connection (1001), as a server shutting down does. */
    public void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the scripted server", e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    void accepted(ScriptedConnection connection) {
        connections.add(connection);
    }

    void received(ScriptedConnection connection, Envelope request) throws Exception {
        Received r = new Received(connection, request);
        allRequests.add(r);
        requests.add(r);
        MessageType type = MessageType.ofWireName(request.type()).orElse(null);
        if (type == null) {
            connection.replyError(request, ErrorCode.UNKNOWN_TYPE, "unknown type", "type");
            return;
        }
        if (!connection.authenticated() && !type.isAuthentication()) {
            connection.replyError(request, ErrorCode.UNAUTHENTICATED, "authenticate first", null);
            return;
        }
        Script script = scripts.get(request.type());
        if (script != null) {
            script.run(connection, request);
        }
    }

    private static <T> T require(T value, String message) {
        if (value == null) {
            throw new AssertionError(message);
        }
        return value;
    }
}
