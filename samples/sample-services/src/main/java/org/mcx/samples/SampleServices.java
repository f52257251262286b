package org.mcx.samples;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of sample MC service servers registered with one registry: by default two group
 * management instances, one configuration management, two MCPTT and one identity management. All
 * register as one service node (a node of kind {@code service}), each over its own connection,
 * as separate servers would.
 *
 * <pre>{@code
 * String secret = backend.identity().provisionNode("sample-services", Console.NodeKind.SERVICE).join();
 * SampleServices samples = SampleServices.builder(URI.create(backend.url()),
 *         new NodeCredentials("sample-services", secret)).start();
 * }</pre>
 */
public final class SampleServices implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SampleServices.class);

    /** One server to run: its kind and its instance label (also its service id). */
    public record Spec(SampleKind kind, String instance) {
        public Spec {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(instance, "instance");
        }
    }

    public static final List<Spec> DEFAULTS = List.of(new Spec(SampleKind.GM, "gm-1"), new Spec(SampleKind.GM, "gm-2"),
            new Spec(SampleKind.CM, "cm-1"), new Spec(SampleKind.MCPTT, "mcptt-1"),
            new Spec(SampleKind.MCPTT, "mcptt-2"), new Spec(SampleKind.IDM, "idm-1"));

    /** A running server and what keeps it registered. */
    public record Instance(SampleServer server, ServiceRegistrar registrar) {
    }

    private final List<Instance> instances;
    private final ScheduledExecutorService scheduler;
    private final CompletableFuture<Void> registered;

    private SampleServices(List<Instance> instances, ScheduledExecutorService scheduler,
                           CompletableFuture<Void> registered) {
        this.instances = instances;
        this.scheduler = scheduler;
        this.registered = registered;
    }

    public static Builder builder(URI registry, NodeCredentials node) {
        return new Builder(registry, node);
    }

    public List<Instance> instances() {
        return instances;
    }

    public List<SampleServer> servers() {
        return instances.stream().map(Instance::server).toList();
    }

    /** Completes once every server has registered at least once; fails if one cannot (refused credentials). */
    public CompletableFuture<Void> registered() {
        return registered;
    }

    /** Deregisters every server, then stops them: the registry stops pointing at a server before it goes. */
    @Override
    public void close() {
        for (Instance i : instances) {
            i.registrar().close();
        }
        for (Instance i : instances) {
            i.server().close();
        }
        scheduler.shutdownNow();
        log.info("sample services stopped");
    }

    /** Configures and starts a set of sample servers. */
    public static final class Builder {
        private final URI registry;
        private final NodeCredentials node;
        private List<Spec> specs = DEFAULTS;
        private int ttlSeconds = 15;
        private RegistrationListener listener = RegistrationListener.NONE;
        private SSLContext sslContext;

        private Builder(URI registry, NodeCredentials node) {
            this.registry = Objects.requireNonNull(registry, "registry");
            this.node = Objects.requireNonNull(node, "node");
        }

        public Builder specs(List<Spec> newSpecs) {
            this.specs = List.copyOf(newSpecs);
            return this;
        }

        /** The lease's time to live, 5 to 300 s (default 15); heartbeats go every third of it. */
        public Builder ttlSeconds(int seconds) {
            if (seconds < 5 || seconds > 300) {
                throw new IllegalArgumentException("ttlSeconds must be 5-300, got " + seconds);
            }
            this.ttlSeconds = seconds;
            return this;
        }

        public Builder listener(RegistrationListener newListener) {
            this.listener = Objects.requireNonNull(newListener, "listener");
            return this;
        }

        /** For a {@code wss://} registry with a self-signed certificate. */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * Starts the servers (they answer at once) and their registration (which completes in the
         * background, see {@link SampleServices#registered()}).
         */
        public SampleServices start() throws Exception {
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sample-registrar");
                t.setDaemon(true);
                return t;
            });
            SampleData data = new SampleData();
            List<Instance> started = new ArrayList<>();
            List<CompletableFuture<String>> leases = new ArrayList<>();
            try {
                for (Spec spec : specs) {
                    SampleServer server = SampleServer.start(spec.kind(), spec.instance(), data);
                    ServiceRegistrar registrar = new ServiceRegistrar(registry, node,
                            ServiceRegistrar.describe(server, ttlSeconds), scheduler, listener, sslContext);
                    started.add(new Instance(server, registrar));
                    leases.add(registrar.start());
                }
            } catch (Exception | Error e) {
                new SampleServices(started, scheduler, CompletableFuture.completedFuture(null)).close();
                throw e;
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(leases.toArray(CompletableFuture[]::new));
            all.whenComplete((ok, error) -> {
                if (error == null) {
                    log.info("{} sample services registered with {}", started.size(), registry);
                }
            });
            return new SampleServices(List.copyOf(started), scheduler, all);
        }
    }
}
