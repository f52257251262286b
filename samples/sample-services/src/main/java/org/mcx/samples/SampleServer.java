package org.mcx.samples;

import java.net.URI;
import java.util.Objects;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sample MC service server: plain HTTP/1.1 on Jetty 12 core, on 127.0.0.1 and a free port,
 * serving its kind's routes below {@link #basePath()}. It does not register itself; see
 * {@link ServiceRegistrar} and {@link SampleServices}.
 */
public final class SampleServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SampleServer.class);
    static final String HOST = "127.0.0.1";

    private final SampleKind kind;
    private final String instance;
    private final String basePath;
    private final Server server;
    private final ServerConnector connector;

    private SampleServer(SampleKind kind, String instance, String basePath, Server server, ServerConnector connector) {
        this.kind = kind;
        this.instance = instance;
        this.basePath = basePath;
        this.server = server;
        this.connector = connector;
    }

    /** Starts a server of {@code kind} under its default base path, answering as {@code instance}. */
    public static SampleServer start(SampleKind kind, String instance, SampleData data) throws Exception {
        return start(kind, instance, kind.defaultBasePath(), data);
    }

    /**
     * @param instance the label every answer carries (e.g. "gm-1"), so load spreading is visible
     * @param basePath "" or "/segment/..."; the kind's paths live below it
     */
    public static SampleServer start(SampleKind kind, String instance, String basePath, SampleData data)
            throws Exception {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(data, "data");
        if (!basePath.isEmpty() && (!basePath.startsWith("/") || basePath.endsWith("/"))) {
            throw new IllegalArgumentException("basePath must be empty or /segment/..., got " + basePath);
        }
        // Few threads: the handler never blocks, and a demo runs six of these in one process.
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("sample-" + instance);
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // Jetty's "Server" header stays on (the default): the service access server must strip it.
        http.setSendServerVersion(true);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(HOST);
        connector.setPort(0);
        connector.setAcceptedTcpNoDelay(true);
        server.addConnector(connector);
        server.setHandler(new SampleHandler(basePath, instance, kind.routes(data)));
        server.start();
        log.info("sample {} server {} listening on http://{}:{}{}", kind, instance, HOST, connector.getLocalPort(), basePath);
        return new SampleServer(kind, instance, basePath, server, connector);
    }

    public SampleKind kind() {
        return kind;
    }

    public String instance() {
        return instance;
    }

    public String basePath() {
        return basePath;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The server's own address with its base path, e.g. {@code http://127.0.0.1:41234/gm}: for tests and the console, never for applications. */
    public URI uri() {
        return URI.create("http://" + HOST + ":" + port() + basePath);
    }

    @Override
    public void close() {
        try {
            server.stop();
            log.info("sample server {} stopped", instance);
        } catch (Exception e) {
            log.warn("sample server {} did not stop cleanly", instance, e);
        }
    }
}
