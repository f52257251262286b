package org.mcx.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mcx.access.AccessConfig;
import org.mcx.access.AccessServer;
import org.mcx.access.Transport;
import org.mcx.backend.store.Database;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Registration;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.RateLimit;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The product side of {@code benchmarks/sas-vs-nginx.sh}: a real backend with a service access
 * server on a fixed loopback port, every check on, in front of an upstream that the script runs
 * (nginx serving a static file). Sets up a user, an application, its authorization and a
 * registered GM/CSC-2 instance (heartbeating), measures how fast a revocation reaches the access
 * server, writes the request path and a user token to files, and then stays up until killed
 * (bounded by {@code --max-seconds}).
 */
@Command(name = "sas-setup", mixinStandardHelpOptions = true,
        description = "Backend + service access server for an external load generator (wrk); measures revocation latency.")
public final class SasSetup implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(SasSetup.class);
    static final String SAS_NODE = "sas-bench";
    static final String SERVICE_NODE = "gm-bench-node";
    static final int TTL_SECONDS = 300;

    @Option(names = "--sas-port", required = true, description = "Loopback port of the service access server.")
    int sasPort;
    @Option(names = "--upstream-port", required = true, description = "Loopback port of the upstream to register as GM/CSC-2.")
    int upstreamPort;
    @Option(names = "--upstream-base-path", defaultValue = "/gm", description = "The instance's base path (default: ${DEFAULT-VALUE}).")
    String basePath;
    @Option(names = "--request-path", defaultValue = "/groups", description = "Path after the profile to call (default: ${DEFAULT-VALUE}).")
    String requestPath;
    @Option(names = "--out", required = true, description = "Directory for the files 'path', 'token' and 'ready'.")
    Path out;
    @Option(names = "--rate", defaultValue = "1000000000", description = "Rate limit per application and per user, requests/s (default: ${DEFAULT-VALUE}).")
    double rate;
    @Option(names = "--max-in-flight", defaultValue = "4096", description = "Requests in flight (default: ${DEFAULT-VALUE}).")
    int maxInFlight;
    @Option(names = "--sas-io", defaultValue = "auto", description = "auto, io_uring, epoll or nio, as the backend's --sas-io (default: ${DEFAULT-VALUE}).")
    Transport sasIo;
    @Option(names = "--sas-threads", defaultValue = "0", description = "Event loops, as the backend's --sas-threads; 0: one per core (default: ${DEFAULT-VALUE}).")
    int sasThreads;
    @Option(names = "--freshness-rounds", defaultValue = "20", description = "Revocations to time, of each kind (default: ${DEFAULT-VALUE}).")
    int freshnessRounds;
    @Option(names = "--max-seconds", defaultValue = "1800", description = "Stay up at most this long (default: ${DEFAULT-VALUE}).")
    int maxSeconds;
    @Option(names = "--standalone-node", description = "Also create a SAS node of this id (repeatable) for a separate"
            + " access-server process: its secret goes to the file 'ID.secret', the registry's URL to 'registry'.")
    List<String> standaloneNodes = List.of();
    @Spec
    CommandSpec spec;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(10, TimeUnit.SECONDS); // let the main thread close the backend and delete its files
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sas-setup-stop"));
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sas-setup-heartbeat");
            t.setDaemon(true);
            return t;
        });
        try (BenchBackend backend = BenchBackend.start(Database.Durability.PROCESS_CRASH)) {
            String sasSecret = backend.admin().call(MessageType.NODES_CREATE,
                    new Console.CreateNode(SAS_NODE, Console.NodeKind.SAS), Console.NodeCreated.class).secret();
            register(backend, heartbeats);
            backend.createUser();
            // The same AccessServer.start the backend's --sas-port uses, with the rate limits raised.
            AccessConfig config = AccessConfig.defaults("127.0.0.1", sasPort).withLimits(maxInFlight, rate, rate)
                    .withIo(sasIo, sasThreads);
            try (AccessServer sas = AccessServer.start(config, backend.base(), SAS_NODE, sasSecret, null)) {
                URI sasBase = URI.create("http://127.0.0.1:" + sas.port());
                SasClient load = SasClient.authorize(backend, "bench-load", BenchBackend.USER, "bench-user-password",
                        sasBase, requestPath);
                liftRateLimit(backend, load);
                load.awaitStatus(200, Duration.ofSeconds(10));
                if (freshnessRounds > 0) {
                    new SasFreshness(backend, sasBase, requestPath).report(spec.commandLine().getOut(), freshnessRounds);
                }
                Files.createDirectories(out);
                for (String node : standaloneNodes) {
                    writeStandaloneNode(backend, node);
                }
                Files.writeString(out.resolve("token"), load.token());
                Files.writeString(out.resolve("path"), load.path());
                Files.writeString(out.resolve("ready"), "ready\n");
                log.info("service access server ready on {} ({}, {} event loops); staying up for at most {} s", sasBase,
                        sasIo.resolve().name().toLowerCase(java.util.Locale.ROOT), config.eventLoopThreads(), maxSeconds);
                stop.await(maxSeconds, TimeUnit.SECONDS);
                spec.commandLine().getOut().printf("%nSAS counters at the end: %s%n", sas.counters().snapshot());
                spec.commandLine().getOut().flush();
            }
        } finally {
            heartbeats.shutdownNow();
            stopped.countDown();
        }
        return 0;
    }

    /**
     * The profile's own rate limit at the highest the protocol allows: a standalone node runs with the
     * default limits (1,000/s per application), which the profile replaces, as an operator would.
     */
    private void liftRateLimit(BenchBackend backend, SasClient load) throws Exception {
        double lifted = Math.min(rate, 1_000_000);
        ApplicationProfile p = load.profile();
        ApplicationProfile open = new ApplicationProfile(p.applicationProfileId(), null, p.applicationId(),
                p.authorizedService(), null, p.serviceInterfaceDescription(), null, null, null,
                new RateLimit(lifted, lifted));
        backend.admin().call(MessageType.PROFILES_SAVE, new Console.SaveProfile(open, p.version()),
                Console.ProfileSaved.class);
    }

    /** A second SAS node's credentials, for the script to start {@code access-server.jar} with. */
    private void writeStandaloneNode(BenchBackend backend, String nodeId) throws Exception {
        String secret = backend.admin().call(MessageType.NODES_CREATE,
                new Console.CreateNode(nodeId, Console.NodeKind.SAS), Console.NodeCreated.class).secret();
        Path secretFile = out.resolve(nodeId + ".secret");
        Files.createFile(secretFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secretFile, secret);
        Files.writeString(out.resolve("registry"), backend.base().toString());
    }

    /** Registers the upstream as GM/CSC-2 over /registration and keeps its lease alive. */
    private void register(BenchBackend backend, ScheduledExecutorService heartbeats) throws Exception {
        String secret = backend.createServiceNode(SERVICE_NODE);
        ProtocolClient node = backend.connect(backend.builder(Endpoint.REGISTRATION,
                Authenticator.node(SERVICE_NODE, secret)).name("bench-gm-node"));
        Registration.Lease lease = node.call(MessageType.REGISTER_SERVICE, new Registration.RegisterService("gm-bench",
                ServiceType.GM, "CSC-2", List.of("HTTP"), "1", "http", "127.0.0.1", upstreamPort, basePath, TTL_SECONDS,
                Map.of()), Registration.Lease.class);
        long every = Math.max(1, lease.ttlSeconds() / 3);
        heartbeats.scheduleWithFixedDelay(() -> node.request(MessageType.HEARTBEAT,
                        new Registration.Heartbeat(lease.leaseId()), Registration.HeartbeatAck.class)
                .whenComplete((ack, e) -> {
                    if (e != null) {
                        log.warn("heartbeat failed: {}", e.toString());
                    }
                }), every, every, TimeUnit.SECONDS);
    }
}
