package org.mcx.access;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.mcx.protocol.client.PinnedCertificate;
import org.mcx.server.ConfigDefaults;
import org.mcx.server.DurationConverter;
import org.mcx.server.LogFiles;
import org.mcx.server.OpsOptions;
import org.mcx.server.OutOfMemoryExit;
import org.mcx.server.SelfSignedCertificate;
import org.mcx.server.Trees;
import org.mcx.server.UntilTerminated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * A service access server node on its own, e.g. in a DMZ: it holds no data of its own, takes its
 * grants over CSC-15 from a registry it connects out to, and serves external applications over
 * TLS (a self-signed certificate is made in {@code --state-dir} when no keystore is given).
 */
@Command(name = "access-server", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Runs a service access server node: the only door for external applications, fed by a registry.",
        sortOptions = false)
public final class Main implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(Main.class);
    /** The registry could not be reached or refused this node: worth retrying (the unit restarts on it). */
    static final int REGISTRY_UNAVAILABLE = 1;

    @Option(names = ConfigDefaults.CONFIG_OPTION, paramLabel = "FILE",
            description = "Settings file (properties: registry = wss://registry:8443). Order: command line, then MCX_* "
                    + "environment variables (MCX_REGISTRY), then this file, then the defaults. Also MCX_CONFIG.")
    Path config;

    @Option(names = "--registry", split = ",", paramLabel = "URL",
            description = "The registry's WebSocket base URL, e.g. wss://registry.internal:8443, or several nodes' separated by"
                    + " commas: the node moves to the next when its registry node is lost (required).")
    List<URI> registry;

    @Option(names = "--registry-grace", defaultValue = "2s", converter = DurationConverter.class,
            description = "How long grants are honoured once every registry node is lost, before every request is refused"
                    + " 503: what is revoked meanwhile is enforced only on reconnection (at most 1h). Default: ${DEFAULT-VALUE}.")
    Duration registryGrace;

    @Option(names = "--registry-fingerprint",
            description = "Trust the registry's certificate with this SHA-256 fingerprint (the registry prints it at start).")
    String registryFingerprint;

    @Option(names = "--node-id", description = "This node's id (an ADMIN makes it with nodes.create, kind sas) (required).")
    String nodeId;

    @Option(names = "--node-secret-file", description = "File holding this node's secret (required).")
    Path nodeSecretFile;

    @Option(names = "--bind", defaultValue = "0.0.0.0",
            description = "Address external applications reach this node on. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--port", defaultValue = "8444", description = "Port for external applications (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--tls", arity = "0..1", fallbackValue = "true", defaultValue = "true",
            description = "Serve HTTPS (HTTP/2 and HTTP/1.1); --tls=false for plain HTTP, allowed on loopback only. Default: ${DEFAULT-VALUE}.")
    boolean tls;

    @Option(names = "--tls-keystore", description = "PKCS12 keystore with this node's certificate (default: a self-signed one in --state-dir).")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password-file", description = "File holding the keystore password.")
    Path tlsKeystorePasswordFile;

    @Option(names = "--state-dir", description = "Where a self-signed certificate is made and kept when no --tls-keystore is given.")
    Path stateDir;

    @Option(names = "--public-host", description = "Host name in the self-signed certificate. Default: localhost.")
    String publicHost;

    @Option(names = "--io", defaultValue = "auto",
            description = "How the event loops reach the kernel: auto (io_uring, else epoll, else nio), io_uring, epoll or nio. Default: ${DEFAULT-VALUE}.")
    Transport io;

    @Option(names = "--threads", defaultValue = "0",
            description = "Event loop threads; 0 for one per core. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--warm-up", defaultValue = "0s", converter = DurationConverter.class,
            description = "Before opening its port, serve itself (on loopback, with grants of its own) for at most this long,"
                    + " or until the JIT is quiet. 0 for none: on two cores it delayed the port without shortening the climb"
                    + " to full speed (docs/benchmarks.md). Default: ${DEFAULT-VALUE}.")
    Duration warmUp;

    /**
     * For the package's scripts, not operators: the installed package makes its class-data archive
     * (which JDK 17 ties to the installed paths, so it cannot ship in the package) from this run.
     */
    @Option(names = "--class-archive-training", hidden = true,
            description = "Warm up alone (no registry, a throw-away certificate) and exit: the run the package's class-data archive is made from.")
    boolean classArchiveTraining;

    @Mixin
    OpsOptions ops;

    @Option(names = "--log-dir", description = "Log to a rotating file access-server.log here instead of standard error.")
    Path logDir;

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    /** Options come from the command line, then MCX_* variables, then the --config file (see {@link ConfigDefaults}). */
    static int run(String[] args, Map<String, String> environment) {
        CommandLine cl;
        try {
            cl = commandLine(args, environment);
        } catch (IllegalArgumentException e) {
            new CommandLine(new Main()).getErr().println("access-server: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        return cl.execute(args);
    }

    static CommandLine commandLine(String[] args, Map<String, String> environment) {
        return ConfigDefaults.commandLine(new Main(), args, environment);
    }

    @Override
    public Integer call() throws Exception {
        if (classArchiveTraining) {
            return trainAlone();
        }
        if (registry == null || registry.isEmpty() || nodeId == null || nodeSecretFile == null) {
            throw usage("--registry, --node-id and --node-secret-file are required"
                    + " (registry, node-id and node-secret-file in the --config file, or MCX_REGISTRY, MCX_NODE_ID and MCX_NODE_SECRET_FILE)");
        }
        if (logDir != null) {
            LogFiles.useDirectory(logDir, "access-server");
        }
        log.info("access-server {} starting", org.mcx.protocol.Version.current());
        OutOfMemoryExit.ensure();
        AccessConfig config;
        try {
            config = AccessConfig.defaults(bind, port).withIo(transport(), threads).withGrace(registryGrace)
                    .withWarmUp(warmUp);
        } catch (IllegalArgumentException e) {
            throw usage("--" + e.getMessage());
        }
        if (tls) {
            Path keystore = tlsKeystore;
            String password;
            if (keystore != null) {
                if (tlsKeystorePasswordFile == null) {
                    throw usage("--tls-keystore needs --tls-keystore-password-file");
                }
                password = Files.readString(tlsKeystorePasswordFile).strip();
            } else if (stateDir != null) {
                keystore = SelfSignedCertificate.ensure(stateDir, publicHost != null ? publicHost : "localhost");
                password = SelfSignedCertificate.password(keystore);
            } else {
                throw usage("TLS needs --tls-keystore (with --tls-keystore-password-file) or a --state-dir to keep"
                        + " a self-signed certificate in; --tls=false serves plain HTTP on loopback only");
            }
            config = config.withTls(keystore, password);
        } else if (!InetAddress.getByName(bind).isLoopbackAddress()) {
            throw usage("--tls=false is allowed on loopback only: external applications' tokens would cross the network in clear");
        }
        SSLContext registryTls = registryFingerprint == null ? null : PinnedCertificate.trusting(registryFingerprint);
        String secret = Files.readString(nodeSecretFile).strip();
        AccessServer sas;
        try {
            sas = AccessServer.start(config, registry, nodeId, secret, registryTls);
        } catch (TimeoutException | ExecutionException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String registries = String.join(", ", registry.stream().map(URI::toString).toList());
            String why = "no grants from the registry " + registries + " as node " + nodeId + ": " + cause.getMessage();
            log.error(why);
            System.err.println("access-server: " + why);
            return REGISTRY_UNAVAILABLE;
        }
        if (ops.enabled()) {
            sas.openOps(ops.bind(), ops.port());
        }
        sas.certificateFingerprint().ifPresent(fingerprint -> {
            log.info("TLS certificate SHA-256 fingerprint {}", fingerprint);
            System.out.println("certificate SHA-256 fingerprint " + fingerprint);
        });
        return UntilTerminated.serve((tls ? "https://" : "http://") + bind + ":" + sas.port(), sas::close);
    }

    /**
     * What a node loads and runs when it serves (TLS with the engine it will use, HTTP/1.1 and
     * HTTP/2, every check, the forward): a warm-up on a certificate made for it in a temporary
     * directory, removed after.
     */
    /** How long a training run serves itself unless --warm-up says otherwise. */
    static final Duration TRAINING = Duration.ofSeconds(15);

    private int trainAlone() throws Exception {
        Path scratch = Files.createTempDirectory("mcx-sas-training");
        try {
            Path keystore = SelfSignedCertificate.ensure(scratch, "localhost");
            AccessConfig config = AccessConfig.defaults("127.0.0.1", 0).withIo(transport(), threads)
                    .withTls(keystore, SelfSignedCertificate.password(keystore))
                    .withWarmUp(warmUp.isZero() ? TRAINING : warmUp);
            SelfWarmUp.Result result = AccessServer.warmUpAlone(config);
            System.out.println("class-data training: " + (result.http1Answered() + result.http2Answered()) + " requests in "
                    + result.took().toMillis() + " ms");
            return result.forwarded() > 0 ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
        } finally {
            Trees.delete(scratch);
        }
    }

    /** The --io setting; naming one this machine cannot honour stops the start, in words. */
    private Transport transport() {
        try {
            io.resolve();
            return io;
        } catch (IllegalStateException e) {
            throw usage("--io: " + e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(new CommandLine(this), message);
    }

    /** The one project version and the Java runtime it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"access-server " + org.mcx.protocol.Version.current(),
                    "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.home") + ")"};
        }
    }
}
