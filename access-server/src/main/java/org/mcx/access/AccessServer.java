package org.mcx.access;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service access server node (7.4.2.2.10): an HTTP listener for external applications in
 * front of the MC service servers, fed only over CSC-15. Runs inside the backend
 * ({@code --sas-port}) or alone ({@code --sas-only}), several beside one registry.
 *
 * <p>HTTP/1.1, and HTTP/2 where TLS negotiates it. Netty, one event loop per core by default, on
 * io_uring where the kernel allows it: a request is read, checked, forwarded and answered on one
 * thread, over upstream connections that thread owns — why it is not Jetty's proxy, and why
 * io_uring, is measured in docs/benchmarks.md (sas-vs-nginx).
 */
public final class AccessServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AccessServer.class);

    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Channel listener;
    private final GrantLink link;
    private final DenialReporter reporter;
    private final AccessCounters counters;
    private final String fingerprint;
    private volatile OpsEndpoint ops;

    private AccessServer(EventLoopGroup acceptor, EventLoopGroup workers, Channel listener, GrantLink link,
                         DenialReporter reporter, AccessCounters counters, String fingerprint) {
        this.acceptor = acceptor;
        this.workers = workers;
        this.listener = listener;
        this.link = link;
        this.reporter = reporter;
        this.counters = counters;
        this.fingerprint = fingerprint;
    }

    /** How long a node waits for its first CSC-15 snapshot before it gives up starting. */
    static final Duration LINK_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Starts the node and waits (up to {@link #LINK_TIMEOUT}) for its first CSC-15 snapshot, and for
     * its warm-up when it has one, before accepting requests.
     */
    public static AccessServer start(AccessConfig config, URI registry, String nodeId, String nodeSecret,
                                     SSLContext registryTls) throws Exception {
        return start(config, java.util.List.of(registry), nodeId, nodeSecret, registryTls);
    }

    /** The same, fed by whichever of the registry's nodes answers (the next one when it is lost). */
    public static AccessServer start(AccessConfig config, java.util.List<URI> registries, String nodeId, String nodeSecret,
                                     SSLContext registryTls) throws Exception {
        CompletableFuture<SslProvider> engineFound = ServerTls.findProvider();
        Grants grants = new Grants();
        AccessCounters counters = new AccessCounters();
        GrantLink link = new GrantLink(registries, nodeId, nodeSecret, grants, config.staleAfter(), registryTls);
        long linking = System.nanoTime();
        // The link's log-on and snapshot take round trips to the registry: the loops, TLS and the
        // warm-up are made meanwhile.
        CompletableFuture<Void> synced = link.start();

        Transport transport = config.transport().resolve();
        int threads = config.eventLoopThreads();
        EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("mcx-sas-accept", true),
                transport.ioHandlers());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("mcx-sas", true),
                transport.ioHandlers());
        Class<? extends ServerChannel> serverType = transport.serverChannel();
        Class<? extends Channel> clientType = transport.clientChannel();
        ConcurrentHashMap<EventLoop, Upstreams> upstreams = new ConcurrentHashMap<>();
        ClientConnections connections = new ClientConnections(config.maxConnectionsPerAddress(), counters);

        Channel listener;
        String fingerprint;
        DenialReporter reporter = null;
        try {
            ServerTls.Keys keys = config.keystore() == null ? null
                    : ServerTls.readKeys(config.keystore(), config.keystorePassword());
            SslProvider engine = engineFound.join();
            ServerTls.Listener listenerTls = keys == null ? null : ServerTls.forServer(engine, keys);
            SslContext tls = listenerTls == null ? null : listenerTls.context();
            fingerprint = listenerTls == null ? null : listenerTls.fingerprint();
            SslContext upstreamTls = ServerTls.forUpstreams(engine);
            if (!synced.isCompletedExceptionally()) { // a refused log-on is said at once, not after a warm-up
                SelfWarmUp.run(config, workers, transport, engine, tls, upstreamTls, config.warmUp());
            }
            synced.get(Math.max(1, LINK_TIMEOUT.toNanos() - (System.nanoTime() - linking)), TimeUnit.NANOSECONDS);
            // Made once linked: it reports every second, and would only fail to before.
            reporter = new DenialReporter(counters, link::report);
            Gateway gateway = new Gateway(config, new AccessChecks(grants, link::isFresh,
                    new RateLimits(config.requestsPerSecondPerApplication(), config.requestsPerSecondPerUser()),
                    counters, reporter), new Admission(config.maxInFlight()), counters, reporter);
            listener = new ServerBootstrap().group(acceptor, workers).channel(serverType)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                    .childHandler(new FrontendInitializer(gateway, connections, tls,
                            loop -> upstreams.computeIfAbsent(loop, l -> new Upstreams(l, clientType, upstreamTls, 2000))))
                    .bind(config.host(), config.port()).sync().channel();
        } catch (Exception e) {
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (reporter != null) {
                reporter.close();
            }
            link.close();
            throw e;
        }
        AccessServer sas = new AccessServer(acceptor, workers, listener, link, reporter, counters, fingerprint);
        log.info("service access server on {}:{} ({}, {} event loops)", config.host(), sas.port(),
                transport.name().toLowerCase(Locale.ROOT), threads);
        return sas;
    }

    /** The warm-up alone, on loops of its own that are closed after it: no registry, no port. */
    static SelfWarmUp.Result warmUpAlone(AccessConfig config) throws Exception {
        Transport transport = config.transport().resolve();
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(config.eventLoopThreads(),
                new DefaultThreadFactory("mcx-sas", true), transport.ioHandlers());
        try {
            SslProvider engine = ServerTls.provider();
            SslContext tls = config.keystore() == null ? null
                    : ServerTls.forServer(engine, config.keystore(), config.keystorePassword()).context();
            return SelfWarmUp.run(config, workers, transport, engine, tls, ServerTls.forUpstreams(engine), config.warmUp());
        } finally {
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The SHA-256 fingerprint of the listener's certificate, for applications to pin; empty without TLS. */
    public Optional<String> certificateFingerprint() {
        return Optional.ofNullable(fingerprint);
    }

    public AccessCounters counters() {
        return counters;
    }

    /** Whether this node may decide now: its grants are in sync with a registry, or within their grace. */
    public boolean ready() {
        return link.isFresh();
    }

    /**
     * Opens this node's operators' port (health for a load balancer, metrics for Prometheus); closed
     * with the node.
     */
    public int openOps(String host, int port) throws InterruptedException {
        OpsEndpoint endpoint = OpsEndpoint.start(host, port, this::ready, counters::snapshot);
        ops = endpoint;
        return endpoint.port();
    }

    @Override
    public void close() throws Exception {
        if (ops != null) {
            ops.close();
        }
        listener.close().syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        reporter.close();
        link.close();
    }
}
