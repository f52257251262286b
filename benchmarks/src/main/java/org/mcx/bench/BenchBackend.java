package org.mcx.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mcx.backend.Backend;
import org.mcx.backend.BackendConfig;
import org.mcx.backend.store.Database;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.Role;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ClientBuilder;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/**
 * A real backend for a benchmark: a fresh H2 file in a temporary directory, loopback, an ephemeral
 * port, no CSC-14 rate limit, and an administrator's console client to set things up with. Closing
 * it closes every client it made, the backend, and deletes the directory.
 */
final class BenchBackend implements AutoCloseable {
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-password";
    static final String USER = "bench-user";
    static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final Backend backend;
    private final List<ProtocolClient> clients = new ArrayList<>();
    private final ProtocolClient admin;

    private BenchBackend(Path dir, Backend backend) throws Exception {
        this.dir = dir;
        this.backend = backend;
        this.admin = connect(builder(Endpoint.ACMC, Authenticator.login(ADMIN, ADMIN_PASSWORD)).name("bench-admin"));
    }

    static BenchBackend start(Database.Durability durability) throws Exception {
        Path dir = Files.createTempDirectory("mcx-bench-");
        try {
            return new BenchBackend(dir, Backend.start(config(dir, durability)));
        } catch (Exception | Error e) {
            TempDirs.delete(dir);
            throw e;
        }
    }

    /** A backend with {@code config} (e.g. one node of several on PostgreSQL) in its own temporary directory. */
    static BenchBackend start(java.util.function.Function<Path, BackendConfig> config) throws Exception {
        Path dir = Files.createTempDirectory("mcx-bench-");
        try {
            return new BenchBackend(dir, Backend.start(config.apply(dir)));
        } catch (Exception | Error e) {
            TempDirs.delete(dir);
            throw e;
        }
    }

    static BackendConfig config(Path dir, Database.Durability durability) {
        BackendConfig c = BackendConfig.forTests(dir, "bench").withCsc14Rate(0);
        return c.withDurability(durability);
    }

    URI base() {
        return URI.create(backend.url());
    }

    ProtocolClient admin() {
        return admin;
    }

    /** A client builder for this backend: no reconnects (a lost link is a benchmark failure), 30 s requests. */
    ClientBuilder builder(Endpoint endpoint, Authenticator authenticator) {
        return ProtocolClient.builder(base(), endpoint)
                .authenticator(authenticator)
                .reconnect(ReconnectPolicy.disabled())
                .requestTimeout(SETUP_TIMEOUT);
    }

    /** Builds, connects and remembers (for closing) a client. */
    ProtocolClient connect(ClientBuilder builder) throws Exception {
        ProtocolClient client = track(builder.build());
        client.connect().get(SETUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return client;
    }

    /** Remembers a client, connected or not, so that {@link #close} closes it. */
    synchronized ProtocolClient track(ProtocolClient client) {
        clients.add(client);
        return client;
    }

    /** Creates a service node (for /registration) and returns its secret. */
    String createServiceNode(String nodeId) throws Exception {
        Console.NodeCreated created = admin.call(MessageType.NODES_CREATE,
                new Console.CreateNode(nodeId, Console.NodeKind.SERVICE), Console.NodeCreated.class);
        return created.secret();
    }

    /** Creates {@link #USER}: external access to every service type. */
    void createUser() throws Exception {
        admin.call(MessageType.USERS_SAVE, new Console.SaveUser(USER, "Benchmark user", List.<Role>of(), true,
                Arrays.asList(ServiceType.values()), true, "bench-user-password"), Console.User.class);
    }

    Console.ApplicationCreated createApplication(String name) throws Exception {
        return admin.call(MessageType.APPLICATIONS_CREATE, new Console.CreateApplication(name, true),
                Console.ApplicationCreated.class);
    }

    /** A new MCPTT-1 profile for the application. */
    ApplicationProfile createProfile(String applicationId) throws Exception {
        ApplicationProfile draft = new ApplicationProfile(null, null, applicationId,
                new ServiceRef(ServiceType.MCPTT, "MCPTT-1"), null, null, null, null, null);
        return admin.call(MessageType.PROFILES_SAVE, new Console.SaveProfile(draft, 0L), Console.ProfileSaved.class)
                .applicationProfile();
    }

    /** The request that saves {@code current} unchanged, which bumps its version. */
    static Console.SaveProfile bump(ApplicationProfile current) {
        return new Console.SaveProfile(current, current.version());
    }

    @Override
    public void close() {
        List<ProtocolClient> all;
        synchronized (this) {
            all = List.copyOf(clients);
        }
        all.forEach(ProtocolClient::close);
        backend.close();
        TempDirs.delete(dir);
    }
}
