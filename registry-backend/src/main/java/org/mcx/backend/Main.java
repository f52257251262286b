package org.mcx.backend;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mcx.access.Transport;
import org.mcx.backend.acms.outbox.Backoff;
import org.mcx.backend.identity.IdentityConfig;
import org.mcx.backend.identity.SecurityLevels;
import org.mcx.backend.identity.Passwords;
import org.mcx.backend.monitoring.OpsSettings;
import org.mcx.backend.ops.CheckLoginCommand;
import org.mcx.backend.ops.CreateNodeCommand;
import org.mcx.backend.ops.MigrateToPostgresCommand;
import org.mcx.backend.ops.RestoreCommand;
import org.mcx.backend.store.Database;
import org.mcx.backend.store.ScheduledBackups;
import org.mcx.backend.store.StoreIntegrity;
import org.mcx.backend.store.PostgresConfig;
import org.mcx.backend.store.StoreRefusedException;
import org.mcx.backend.store.StoreUnreachableException;
import org.mcx.protocol.client.PinnedCertificate;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.Codec;
import org.mcx.samples.NodeCredentials;
import org.mcx.samples.SampleServices;
import org.mcx.server.ConfigDefaults;
import org.mcx.server.DurationConverter;
import org.mcx.server.LogFiles;
import org.mcx.server.OpsOptions;
import org.mcx.server.OutOfMemoryExit;
import org.mcx.server.SelfSignedCertificate;
import org.mcx.server.UntilTerminated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The backend's command line: one MC system's registry and ACMS (and, with --sas-port, its service access server). */
@Command(name = "registry-backend", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Runs one MC system's service registry server, ACMS and service access server.",
        sortOptions = false)
public final class Main implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(Main.class);
    /** Exit code of a start refused for a reason a restart cannot fix (the service unit does not restart on it). */
    /**
     * The data cannot be served as it is (newer schema, damaged or missing database): a restart
     * cannot fix it, so the service manager must not retry. Not 3, which the JVM uses when
     * {@code -XX:+ExitOnOutOfMemoryError} ends it — and that exit must be restarted.
     */
    static final int REFUSED = 65;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = ConfigDefaults.CONFIG_OPTION, paramLabel = "FILE",
            description = "Settings file (properties: data-dir = /var/lib/mcx-registry). Order: command line, then MCX_* "
                    + "environment variables (MCX_DATA_DIR), then this file, then the defaults. Also MCX_CONFIG.")
    Path config;

    @Option(names = "--data-dir", description = "Directory for the H2 database and the generated TLS material (required,"
            + " also with --database: it keeps the TLS material).")
    Path dataDir;

    @Option(names = "--database", paramLabel = "URL", description = "Use this PostgreSQL database instead of H2 in --data-dir:"
            + " jdbc:postgresql://db.example.org:5432/mcx (parameters such as ?sslmode=verify-full allowed; no user or password in it).")
    String database;

    @Option(names = "--database-user", description = "With --database: the PostgreSQL role to log in as.")
    String databaseUser;

    @Option(names = "--database-password-file", description = "With --database: file holding the role's password (kept off"
            + " the command line and out of logs).")
    Path databasePasswordFile;

    @Option(names = "--new-database", description = "If the database in --data-dir is missing or damaged, keep what"
            + " is left of it aside and start with a new, empty one (a readable database is never touched).")
    boolean newDatabase;

    @Option(names = "--port", defaultValue = "8443", description = "WebSocket listener port (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on. Anything but loopback requires TLS. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--system-id", description = "This MC system's identifier, as partners know it (required).")
    String systemId;

    @Option(names = "--admin-password", description = "Creates the first ADMIN ('admin') when the database has no users; ignored otherwise.",
            interactive = false)
    String adminPassword;

    @Option(names = "--admin-password-file",
            description = "As --admin-password, read from this file (kept off the command line); ignored if the file is absent.")
    Path adminPasswordFile;

    @Option(names = "--sas-port", defaultValue = "0",
            description = "Port of a service access server run in this process, put into application profiles' serviceLocation;"
                    + " a node of its own (e.g. in a DMZ) is the access-server package. Default: ${DEFAULT-VALUE} (none).")
    int sasPort;

    @Option(names = "--sas-url", description = "Where external applications reach the service access server when it runs"
            + " elsewhere (nodes of the access-server package, e.g. https://access.example.org:8444); put into"
            + " application profiles' serviceLocation. Default: this process's, on --sas-port.")
    URI sasUrl;

    @Option(names = "--sas-io", defaultValue = "auto",
            description = "How the service access server reaches the kernel: auto (io_uring, else epoll, else nio), io_uring, epoll or nio. Default: ${DEFAULT-VALUE}.")
    Transport sasIo;

    @Option(names = "--sas-threads", defaultValue = "0",
            description = "Service access server event loop threads; 0 for one per core. Default: ${DEFAULT-VALUE}.")
    int sasThreads;

    @Option(names = "--public-host", description = "Host name external applications use for this system (default: the bind address, or localhost).")
    String publicHost;

    @Option(names = "--tls-keystore", description = "PKCS12 keystore with the server certificate; enables wss://.")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password-file", description = "File holding the keystore password.")
    Path tlsKeystorePasswordFile;

    @Option(names = "--tls", arity = "0..1", fallbackValue = "true",
            description = "Use TLS even on loopback (a self-signed certificate is made if no keystore is given); --tls=false to leave it off.")
    boolean tls;

    @Option(names = "--durability", defaultValue = "PROCESS_CRASH",
            description = "PROCESS_CRASH: acknowledged writes survive kill -9; POWER_LOSS: also fsync each commit. Default: ${DEFAULT-VALUE}.")
    Database.Durability durability;

    @Option(names = "--pbkdf2-iterations", defaultValue = "" + Passwords.DEFAULT_ITERATIONS,
            description = "PBKDF2-HMAC-SHA256 iterations for new password hashes. Default: ${DEFAULT-VALUE}.")
    int pbkdf2Iterations;

    @Option(names = "--security-levels", split = ",", defaultValue = "unclassified,restricted,confidential,secret",
            description = "The users' security levels, lowest first, comma-separated (a partner's level of the same name"
                    + " is taken as ours). Default: ${DEFAULT-VALUE}.")
    List<String> securityLevels;

    @Option(names = "--max-message-bytes", defaultValue = "" + Codec.DEFAULT_MAX_MESSAGE_BYTES,
            description = "Largest accepted message. Default: ${DEFAULT-VALUE}.")
    int maxMessageBytes;

    @Option(names = "--csc14-rate", defaultValue = "2000",
            description = "Requests per second one external application connection may send (0 = unlimited). Default: ${DEFAULT-VALUE}.")
    double csc14Rate;

    @Option(names = "--trusted-direct-access",
            description = "Give trusted-domain applications the service's own location instead of the service access server's (NOTE of 10.X.5).")
    boolean trustedDirectAccess;

    @Option(names = "--outbox-min-delay-ms", defaultValue = "250",
            description = "ACMS outbox: first retry delay towards an unreachable partner. Default: ${DEFAULT-VALUE}.")
    long outboxMinDelayMs;

    @Option(names = "--outbox-max-delay-ms", defaultValue = "30000",
            description = "ACMS outbox: longest retry delay (at most 30000). Default: ${DEFAULT-VALUE}.")
    long outboxMaxDelayMs;

    @Mixin
    OpsOptions ops;

    @Option(names = "--log-dir", description = "Log to a rotating file registry.log here instead of standard error.")
    Path logDir;

    @Option(names = "--backup-dir", description = "Write online backups (H2 BACKUP TO) of the running database here.")
    Path backupDir;

    @Option(names = "--backup-interval", defaultValue = "24h", converter = DurationConverter.class,
            description = "With --backup-dir: time between backups (90s, 15m, 24h, 7d). Default: ${DEFAULT-VALUE}.")
    Duration backupInterval;

    @Option(names = "--backup-keep", defaultValue = "7", description = "With --backup-dir: newest backups kept. Default: ${DEFAULT-VALUE}.")
    int backupKeep;

    @Option(names = "--sample-services",
            description = "Also start sample MC service servers (group, configuration, MCPTT and identity management) that register here.")
    boolean sampleServices;

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    /** Options come from the command line, then MCX_* variables, then the --config file (see {@link ConfigDefaults}). */
    static int run(String[] args, Map<String, String> environment) {
        CommandLine cl;
        try {
            cl = commandLine(args, environment);
        } catch (IllegalArgumentException e) {
            new CommandLine(new Main()).getErr().println("registry-backend: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        cl.setExecutionExceptionHandler(executionExceptionHandler());
        return cl.execute(args);
    }

    /** Starts refused for reasons in the data become one sentence and an exit code, not a stack trace. */
    static CommandLine.IExecutionExceptionHandler executionExceptionHandler() {
        return (e, commandLine, parsed) -> {
            if (e instanceof StoreRefusedException) {
                log.error("start refused: {}", e.getMessage());
                commandLine.getErr().println("registry-backend: " + e.getMessage());
                return REFUSED;
            }
            if (e instanceof StoreUnreachableException) {
                // Not REFUSED: the database may be back in a moment, so the service manager retries.
                log.error("start failed: {}", e.getMessage());
                commandLine.getErr().println("registry-backend: " + e.getMessage());
                return 1;
            }
            throw e;
        };
    }

    /** The command with its defaults from {@code environment} and the configuration file; throws on a bad file. */
    static CommandLine commandLine(String[] args, Map<String, String> environment) {
        CommandLine cl = ConfigDefaults.commandLine(new Main(), args, environment);
        // Added after the defaults, so that MCX_* variables and the file configure the server only.
        return cl.addSubcommand(new CheckLoginCommand()).addSubcommand(new CreateNodeCommand()).addSubcommand(new RestoreCommand())
                .addSubcommand(new MigrateToPostgresCommand());
    }

    @Override
    public Integer call() throws Exception {
        if (dataDir == null || systemId == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--data-dir and --system-id are required"
                    + " (data-dir and system-id in the --config file, or MCX_DATA_DIR and MCX_SYSTEM_ID)");
        }
        if (logDir != null) {
            LogFiles.useDirectory(logDir, "registry");
        }
        PostgresConfig postgres = postgresConfig();
        log.info("registry-backend {} starting", org.mcx.protocol.Version.current());
        OutOfMemoryExit.ensure();
        if (newDatabase) {
            StoreIntegrity.startOverIfDamaged(dataDir);
        }
        if (postgres != null) {
            log.info("store: PostgreSQL at {} as {}; back it up with pg_dump (docs/operations.md, \"Running on PostgreSQL\")",
                    postgres.where(), postgres.user() == null ? "the default role" : postgres.user());
        }
        String firstAdminPassword = adminPassword != null ? adminPassword : readAdminPasswordFile();
        boolean loopback = InetAddress.getByName(bind).isLoopbackAddress();
        Path keystore = tlsKeystore;
        String keystorePassword = null;
        if (keystore != null) {
            if (tlsKeystorePasswordFile == null) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--tls-keystore needs --tls-keystore-password-file");
            }
            keystorePassword = Files.readString(tlsKeystorePasswordFile).strip();
        } else if (tls || !loopback) {
            keystore = SelfSignedCertificate.ensure(dataDir, publicHost != null ? publicHost : "localhost");
            keystorePassword = SelfSignedCertificate.password(keystore);
        }
        SecurityLevels levels;
        try {
            levels = new SecurityLevels(securityLevels);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--security-levels: " + e.getMessage());
        }
        IdentityConfig identity = IdentityConfig.defaults().withIterations(pbkdf2Iterations).withSecurityLevels(levels);
        BackendConfig config = BackendConfig.of(dataDir, bind, port, systemId)
                .withAdminPassword(firstAdminPassword)
                .withDurability(durability)
                .withDatabase(postgres)
                .withIdentity(identity)
                .withTls(keystore, keystorePassword)
                .withMaxMessageBytes(maxMessageBytes)
                .withCsc14Rate(csc14Rate)
                .withPublicHost(publicHost)
                .withTrustedDirectAccess(trustedDirectAccess)
                .withSas(sasSettings())
                .withOps(new OpsSettings(ops.bind(), ops.port()))
                .withOutboxBackoff(new Backoff(Duration.ofMillis(outboxMinDelayMs), Duration.ofMillis(outboxMaxDelayMs)));
        Backend backend = Backend.start(config);
        if (keystore != null) {
            String fingerprint = SelfSignedCertificate.fingerprint(keystore, keystorePassword);
            log.info("TLS certificate SHA-256 fingerprint {}", fingerprint);
            System.out.println("certificate SHA-256 fingerprint " + fingerprint);
        }
        SampleServices samples = sampleServices ? startSamples(backend, keystore, keystorePassword) : null;
        ScheduledBackups backups = backupDir == null ? null
                : ScheduledBackups.start(backend.context().db(), backupDir, backupInterval, backupKeep);
        return UntilTerminated.serve(backend.url(), () -> {
            if (backups != null) {
                backups.close();
            }
            if (samples != null) {
                samples.close(); // first, so that their deregistrations still reach the registry
            }
            backend.close();
        });
    }

    /**
     * The PostgreSQL settings, or null for H2; what applies to H2 alone is refused with a sentence
     * rather than ignored, so that nobody believes a PostgreSQL database is backed up by the backend.
     */
    private PostgresConfig postgresConfig() throws java.io.IOException {
        if (database == null) {
            if (databaseUser != null || databasePasswordFile != null) {
                throw usage("--database-user and --database-password-file need --database");
            }
            return null;
        }
        if (backupDir != null) {
            throw usage("--backup-dir makes H2 online backups; with --database, back PostgreSQL up with pg_dump"
                    + " (docs/operations.md) and leave backup-dir unset");
        }
        if (newDatabase) {
            throw usage("--new-database applies to the H2 file in --data-dir; with --database, PostgreSQL keeps its own"
                    + " files and an empty database is made ready by the first start");
        }
        String password = null;
        if (databasePasswordFile != null) {
            if (!Files.isReadable(databasePasswordFile)) {
                throw usage("--database-password-file " + databasePasswordFile + " cannot be read");
            }
            password = Files.readString(databasePasswordFile).strip();
        }
        try {
            return new PostgresConfig(database, databaseUser, password);
        } catch (IllegalArgumentException e) {
            throw usage("--" + e.getMessage());
        }
    }

    /** Bad settings, said on the command line's own error stream (the one tests and launchers capture). */
    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec != null ? spec.commandLine() : new CommandLine(this), message);
    }

    private SasSettings sasSettings() {
        try {
            return new SasSettings(sasPort, sasTransport(), sasThreads, sasUrl);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--" + e.getMessage());
        }
    }

    /** The --sas-io setting; naming one this machine cannot honour stops the start, in words. */
    private Transport sasTransport() {
        try {
            sasIo.resolve();
            return sasIo;
        } catch (IllegalStateException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--sas-io: " + e.getMessage());
        }
    }

    private String readAdminPasswordFile() throws java.io.IOException {
        if (adminPasswordFile == null) {
            return null;
        }
        if (!Files.exists(adminPasswordFile)) {
            log.info("{} does not exist: no first administrator is made from it", adminPasswordFile);
            return null;
        }
        return Files.readString(adminPasswordFile).strip();
    }

    private static SampleServices startSamples(Backend backend, Path keystore, String password)
            throws Exception {
        String secret = backend.identity().provisionNode("sample-services", Console.NodeKind.SERVICE).join();
        var builder = SampleServices.builder(URI.create(backend.url()),
                new NodeCredentials("sample-services", secret));
        if (keystore != null) {
            builder.sslContext(PinnedCertificate.trusting(SelfSignedCertificate.fingerprint(keystore, password)));
        }
        return builder.start();
    }

    /** The one project version (shared-protocol's {@link org.mcx.protocol.Version}) and the Java runtime it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"registry-backend " + org.mcx.protocol.Version.current(),
                    "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.home") + ")"};
        }
    }
}
