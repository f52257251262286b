package org.mcx.backend;

import java.net.URI;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.mcx.access.AccessConfig;
import org.mcx.access.AccessServer;
import org.mcx.backend.acms.AcmsModule;
import org.mcx.backend.acms.outbox.OwnershipConfig;
import org.mcx.backend.applications.ApplicationsConfig;
import org.mcx.backend.applications.ApplicationsModule;
import org.mcx.backend.audit.AuditHandlers;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.csc15.Csc15Module;
import org.mcx.backend.csc15.GrantSource;
import org.mcx.backend.events.EventBus;
import org.mcx.backend.events.EventHandlers;
import org.mcx.backend.events.EventLog;
import org.mcx.backend.groups.GroupsModule;
import org.mcx.backend.identity.IdentityModule;
import org.mcx.backend.monitoring.Metrics;
import org.mcx.backend.monitoring.OpsServer;
import org.mcx.backend.monitoring.Readiness;
import org.mcx.backend.partners.PartnersModule;
import org.mcx.backend.registry.Leases;
import org.mcx.backend.registry.RegistryModule;
import org.mcx.backend.store.Database;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Handlers;
import org.mcx.backend.transport.ListenerStats;
import org.mcx.backend.transport.RequestMeters;
import org.mcx.backend.transport.Router;
import org.mcx.backend.transport.Timers;
import org.mcx.backend.transport.WebSocketListener;
import org.mcx.protocol.client.PinnedCertificate;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc15.ApplicationGrants;
import org.mcx.protocol.message.Csc15;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.model.UserAccess;
import org.mcx.protocol.wire.Codec;
import org.mcx.server.SelfSignedCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running system: database, feature modules and the WebSocket listener, wired together.
 * Started by {@link Main}, by tests on an ephemeral port and by the console's demo mode.
 */
public final class Backend implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Backend.class);

    private final SystemContext ctx;
    private final List<AutoCloseable> closeInOrder;
    private final WebSocketListener listener;
    private final BackendConfig config;
    private final IdentityModule identity;
    private final AccessServer sas;
    static final String LOCAL_SAS_NODE = "sas-local";

    private final OpsServer ops;

    private Backend(SystemContext ctx, BackendConfig config, WebSocketListener listener, IdentityModule identity,
                    AccessServer sas, OpsServer ops, List<AutoCloseable> closeInOrder) {
        this.ctx = ctx;
        this.config = config;
        this.listener = listener;
        this.identity = identity;
        this.sas = sas;
        this.ops = ops;
        this.closeInOrder = closeInOrder;
    }

    /** The operators' port (health, readiness, metrics), if {@code --ops-port} set one. */
    public java.util.Optional<OpsServer> opsServer() {
        return java.util.Optional.ofNullable(ops);
    }

    /** What the listener's defences do, as Prometheus gauges and counters. */
    private static void meterListener(io.micrometer.core.instrument.MeterRegistry registry, ListenerStats stats) {
        io.micrometer.core.instrument.Gauge.builder("mcx.listener.queued.bytes", stats, ListenerStats::queuedBytes)
                .description("Bytes waiting to be written to all WebSocket peers").baseUnit("bytes").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("mcx.listener.slow.peers.dropped", stats,
                s -> s.slowPeersDropped()).description("Peers dropped for not reading what was sent to them").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("mcx.listener.flooders.closed", stats,
                s -> s.floodersClosed()).description("Peers closed with 4429 for flooding").register(registry);
    }

    /** What the WebSocket listener's defences are doing (bytes queued, slow peers dropped, floods closed). */
    public org.mcx.backend.transport.ListenerStats listenerStats() {
        return listener.stats();
    }

    /** The service access server started with {@code --sas-port}, if any. */
    public java.util.Optional<AccessServer> accessServer() {
        return java.util.Optional.ofNullable(sas);
    }

    public static Backend start(BackendConfig config) throws Exception {
        Files.createDirectories(config.dataDir());
        Codec codec = new Codec(config.listener().maxMessageBytes());
        Database db = Database.open(config.store());
        Timers timers = new Timers();
        ExecutorService cpu = Executors.newFixedThreadPool(2, daemon("mcx-cpu"));
        EventLog events = EventLog.open(db, codec, new EventBus());
        AuditLog audit = AuditLog.open(db, codec);
        SystemContext ctx = new SystemContext(config.systemId(), instanceId(), db, codec, events, audit, timers, cpu);

        Handlers handlers = new Handlers();
        Modules modules = new Modules(ctx, config);
        modules.register(handlers);
        modules.identity.bootstrapAdmin(config.adminPassword());
        modules.acms.start();
        AuditHandlers auditHandlers = new AuditHandlers(db, audit);
        auditHandlers.register(handlers);
        new EventHandlers(db, events).register(handlers);

        Metrics metrics = new Metrics(config.systemId());
        Router router = new Router(codec, handlers, auditHandlers, new RequestMeters(metrics.registry()));
        WebSocketListener listener = WebSocketListener.start(config.listener(), router, codec, timers);
        meterListener(metrics.registry(), listener.stats());
        AccessServer sas = config.sasPort() > 0 ? startAccessServer(config, listener, modules.identity) : null;
        Readiness readiness = new Readiness().add("store", db::writeRefusal);
        OpsServer ops = config.ops().enabled()
                ? OpsServer.start(config.ops().host(), config.ops().port(), readiness, metrics) : null;
        List<AutoCloseable> closing = new java.util.ArrayList<>();
        // Not ready first, so that a load balancer stops sending work while the rest closes.
        closing.add(readiness::stopping);
        if (sas != null) {
            closing.add(sas);
        }
        closing.addAll(List.of(listener, modules.acms, modules.registry, modules.applications, modules.partners, timers,
                cpu::shutdownNow, events, db));
        if (ops != null) {
            closing.add(ops);
        }
        closing.add(metrics);
        return new Backend(ctx, config, listener, modules.identity, sas, ops, closing);
    }

    /**
     * The service access server inside this process: a node like any other, fed over CSC-15 through
     * this backend's own listener, with a secret made for it on every start.
     */
    private static AccessServer startAccessServer(BackendConfig config, WebSocketListener listener,
                                                  IdentityModule identity) throws Exception {
        String secret = identity.provisionNode(LOCAL_SAS_NODE, Console.NodeKind.SAS).join();
        AccessConfig access = AccessConfig.defaults(config.bindHost(), config.sasPort())
                .withIo(config.sas().io(), config.sas().threads());
        SSLContext trustOurselves = null;
        if (config.tls()) {
            access = access.withTls(config.listener().keystore(), config.listener().keystorePassword());
            trustOurselves = PinnedCertificate.trusting(
                    SelfSignedCertificate.fingerprint(config.listener().keystore(), config.listener().keystorePassword()));
        }
        return AccessServer.start(access, URI.create(listener.url()), LOCAL_SAS_NODE, secret, trustOurselves);
    }

    public int port() {
        return listener.port();
    }

    /** The listener's base URL, e.g. {@code ws://127.0.0.1:8080}. */
    public String url() {
        return listener.url();
    }

    public SystemContext context() {
        return ctx;
    }

    /** Where applications reach a service through this system's service access server. */
    public org.mcx.protocol.model.ServiceLocation sasLocation(String basePath) {
        return applicationsConfig(config).sasLocation(basePath);
    }

    static ApplicationsConfig applicationsConfig(BackendConfig config) {
        java.net.URI elsewhere = config.sas().publicUrl();
        if (elsewhere != null) {
            int port = elsewhere.getPort() > 0 ? elsewhere.getPort() : "https".equals(elsewhere.getScheme()) ? 443 : 80;
            return new ApplicationsConfig(elsewhere.getScheme(), elsewhere.getHost(), port, config.trustedDirectAccess());
        }
        return new ApplicationsConfig(config.sasScheme(), config.publicHost(), config.sasPort(), config.trustedDirectAccess());
    }

    public IdentityModule identity() {
        return identity;
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeInOrder) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("error while stopping {}", c.getClass().getSimpleName(), e);
            }
        }
        log.info("backend {} stopped", ctx.systemId());
    }

    /** This process among the system's nodes: host name and a random part, so logs say which machine. */
    private static String instanceId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "host";
        }
        return host + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The feature modules and how they feed each other. */
    private static final class Modules implements GrantSource {
        final Csc15Module csc15;
        final IdentityModule identity;
        final ApplicationsModule applications;
        final RegistryModule registry;
        final PartnersModule partners;
        final AcmsModule acms;
        final GroupsModule groups;

        Modules(SystemContext ctx, BackendConfig config) {
            // First on the event bus: the registry's leases follow the event log, and whoever else
            // hears of a service.* event (CSC-15's pool pushes, consoles' feeds) reads them.
            Leases leases = Leases.follow(ctx);
            this.csc15 = new Csc15Module(ctx, this);
            this.identity = new IdentityModule(ctx, config.identity(), csc15);
            this.registry = new RegistryModule(ctx, leases, identity.directory());
            this.applications = new ApplicationsModule(ctx, applicationsConfig(config), csc15, registry::liveLocations);
            // An H2 file is one process's: there, this node is the only one and holds every partner at once.
            this.acms = new AcmsModule(ctx, config.outboxBackoff(),
                    OwnershipConfig.defaults(!config.store().onPostgres()), identity.migratedUsers(),
                    identity.securityLevels());
            this.partners = new PartnersModule(ctx, acms.partnerLinks(), identity.securityLevels());
            this.groups = new GroupsModule(ctx);
        }

        void register(Handlers handlers) {
            identity.register(handlers);
            applications.register(handlers);
            registry.register(handlers);
            partners.register(handlers);
            acms.register(handlers);
            groups.register(handlers);
            csc15.register(handlers);
        }

        @Override
        public List<ApplicationGrants> applications(Connection c) throws SQLException {
            return applications.grants(c);
        }

        @Override
        public List<UserAccess> users(Connection c) throws SQLException {
            return identity.userAccess(c);
        }

        @Override
        public List<Csc15.ServicePool> services() {
            return registry.pools();
        }

        @Override
        public Csc15.ServicePool pool(ServiceType type, String serviceInterface) {
            return registry.pool(type, serviceInterface);
        }

        @Override
        public String tokenKey() {
            return identity.tokenSigner().publicKeyBase64();
        }
    }
}
