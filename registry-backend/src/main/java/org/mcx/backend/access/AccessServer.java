package org.mcx.backend.access;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.mcx.backend.tls.ServerTls;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service access server node (7.4.2.2.10): an HTTP listener for external applications in
 * front of the MC service servers, fed only over CSC-15. Runs inside the backend
 * ({@code --sas-port}) or alone ({@code --sas-only}), several beside one registry.
 */
public final class AccessServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AccessServer.class);

    private final Server server;
    private final ServerConnector connector;
    private final GrantLink link;
    private final DenialReporter reporter;
    private final AccessCounters counters;
    private final AccessConfig config;

    private AccessServer(Server server, ServerConnector connector, GrantLink link, DenialReporter reporter,
                         AccessCounters counters, AccessConfig config) {
        this.server = server;
        this.connector = connector;
        this.link = link;
        this.reporter = reporter;
        this.counters = counters;
        this.config = config;
    }

    /** Starts the node and waits (up to 30 s) for its first CSC-15 snapshot before accepting requests. */
    public static AccessServer start(AccessConfig config, URI registry, String nodeId, String nodeSecret,
                                     SSLContext registryTls) throws Exception {
        Grants grants = new Grants();
        AccessCounters counters = new AccessCounters();
        GrantLink link = new GrantLink(registry, nodeId, nodeSecret, grants, config.staleAfter(), registryTls);
        link.start().get(30, TimeUnit.SECONDS);

        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("mcx-sas");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setSendDateHeader(false);
        http.setRequestHeaderSize(config.maxHeaderBytes());
        http.setMinRequestDataRate(config.minRequestBytesPerSecond());
        ServerConnector connector = config.keystore() == null
                ? new ServerConnector(server, new HttpConnectionFactory(http))
                : new ServerConnector(server, ServerTls.fromKeystore(config.keystore(), config.keystorePassword()), new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        connector.setAcceptedTcpNoDelay(true);
        connector.setReuseAddress(true);
        connector.addEventListener(new PerAddressConnections(config.maxConnectionsPerAddress(), counters));
        server.addConnector(connector);

        DenialReporter reporter = new DenialReporter(counters, link);
        AccessProxy proxy = new AccessProxy(grants, link,
                new RateLimits(config.requestsPerSecondPerApplication(), config.requestsPerSecondPerUser()),
                new Admission(config.maxInFlight()), counters, reporter, config.upstreamTimeout().toMillis());
        server.setHandler(new SizeLimitHandler(config.maxBodyBytes(), -1) {
            {
                setHandler(proxy);
            }
        });
        server.setErrorHandler(new ProblemErrorHandler());
        server.setStopTimeout(2000);
        server.start();
        AccessServer sas = new AccessServer(server, connector, link, reporter, counters, config);
        log.info("service access server on {}:{} ({} request handling)", config.host(), sas.port(),
                server.getInvocationType());
        return sas;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public AccessCounters counters() {
        return counters;
    }

    @Override
    public void close() throws Exception {
        server.stop();
        reporter.close();
        link.close();
    }
}
