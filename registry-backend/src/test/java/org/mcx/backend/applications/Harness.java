package org.mcx.backend.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.mcx.backend.BackendConfig;
import org.mcx.backend.store.Sql;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.Role;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ClientBuilder;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import org.mcx.protocol.client.RemoteException;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/**
 * A real backend and the real client library, with the few steps every test here repeats:
 * consoles, applications, users, and a synchronous call that fails the test after 10 s.
 */
public final class Harness implements AutoCloseable {
    public static final String PASSWORD = "user-password-1";
    public static final ServiceRef MCPTT = new ServiceRef(ServiceType.MCPTT, "MCPTT-1");
    public static final ServiceRef MCVIDEO = new ServiceRef(ServiceType.MCVIDEO, "MCVideo-1");
    public static final ServiceRef GM = new ServiceRef(ServiceType.GM, "CSC-2");

    private final BackendFixture fixture;
    private final List<ProtocolClient> clients = new CopyOnWriteArrayList<>();
    private ProtocolClient admin;

    private Harness(BackendFixture fixture) {
        this.fixture = fixture;
    }

    public static Harness start(Path dataDir) throws Exception {
        return new Harness(BackendFixture.start(dataDir));
    }

    public static Harness start(Path dataDir, UnaryOperator<BackendConfig> tweak) throws Exception {
        return new Harness(BackendFixture.start(dataDir, "primary", tweak));
    }

    public BackendFixture fixture() {
        return fixture;
    }

    /** Closes every client, restarts the backend on the same data and port. */
    public void restart() throws Exception {
        closeClients();
        fixture.restart();
    }

    public ProtocolClient admin() throws Exception {
        if (admin == null) {
            admin = console(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD);
        }
        return admin;
    }

    public ProtocolClient console(String user, String password) throws Exception {
        return connect(builder(Endpoint.ACMC).authenticator(Authenticator.login(user, password)));
    }

    public ClientBuilder builder(Endpoint endpoint) {
        return ProtocolClient.builder(fixture.base(), endpoint).reconnect(ReconnectPolicy.disabled());
    }

    public ProtocolClient connect(ClientBuilder builder) throws Exception {
        ProtocolClient client = builder.build();
        clients.add(client);
        client.connect().get(10, TimeUnit.SECONDS);
        return client;
    }

    /** An application client whose notifications land in {@code inbox}. */
    public ProtocolClient application(Console.ApplicationCreated app, Inbox inbox) throws Exception {
        return connect(applicationBuilder(app.applicationId(), app.secret(), inbox));
    }

    public ClientBuilder applicationBuilder(String applicationId, String secret, Inbox inbox) {
        return builder(Endpoint.CSC14).authenticator(Authenticator.application(applicationId, secret))
                .handleAsync(MessageType.NOTIFY_APPLICATION_PROFILE, Csc14.NotifyApplicationProfile.class,
                        inbox.handler());
    }

    public Console.ApplicationCreated createApplication(String name, boolean trustedDomain) throws Exception {
        return call(admin(), MessageType.APPLICATIONS_CREATE, new Console.CreateApplication(name, trustedDomain));
    }

    /** Creates or updates an MC service user (console roles optional). */
    public void saveUser(String mcServiceId, boolean externalAccess, List<ServiceType> services, Role... roles)
            throws Exception {
        call(admin(), MessageType.USERS_SAVE, new Console.SaveUser(mcServiceId, "User " + mcServiceId,
                List.of(roles), externalAccess, services, true, PASSWORD));
    }

    public static Csc14.UpdateAuthorization authorize(String mcServiceId, ServiceRef... services) {
        return new Csc14.UpdateAuthorization(mcServiceId, Csc14.RequestType.AUTHORIZE, List.of(services), null);
    }

    public static Csc14.UpdateAuthorization remove(String mcServiceId, ServiceRef... services) {
        return new Csc14.UpdateAuthorization(mcServiceId, Csc14.RequestType.REMOVE, List.of(services), null);
    }

    public static ApplicationProfile newProfile(String applicationId, ServiceRef service) {
        return new ApplicationProfile(null, null, applicationId, service, null, null, null, null, null);
    }

    public ApplicationProfile saveProfile(ApplicationProfile profile, long expectedVersion) throws Exception {
        Console.ProfileSaved saved = call(admin(), MessageType.PROFILES_SAVE,
                new Console.SaveProfile(profile, expectedVersion));
        return saved.applicationProfile();
    }

    @SuppressWarnings("unchecked")
    public static <R extends Body> R call(ProtocolClient client, MessageType type, Body body) throws Exception {
        return (R) await(client.request(type, body, type.responseBody()));
    }

    public static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The error the server answers to a request that must fail. */
    public static RemoteException refusal(ProtocolClient client, MessageType type, Body body) throws Exception {
        try {
            Object answer = call(client, type, body);
            return fail("expected an error, got %s", answer);
        } catch (RemoteException e) {
            return e;
        }
    }

    public static void assertRefused(ProtocolClient client, MessageType type, Body body, ErrorCode code)
            throws Exception {
        assertThat(refusal(client, type, body).code()).isEqualTo(code);
    }

    /**
     * A count read on the database writer, after every write queued before it: what the server
     * did with frames it has already read is visible.
     */
    public long count(String sql, Object... args) {
        return fixture.backend().context().db().write(tx -> Sql.queryLong(tx.connection(), sql, args)).join();
    }

    /**
     * Waits (up to 10 s) until the count is {@code expected}: for effects that follow a frame the
     * server handles on its own time, such as an acknowledgement, which no reply confirms.
     */
    public long countWithin(long expected, String sql, Object... args) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long n = count(sql, args);
        while (n != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
            n = count(sql, args);
        }
        return n;
    }

    public long lastSeq() {
        return fixture.backend().context().db().write(tx -> fixture.backend().context().events().lastSeq()).join();
    }

    private void closeClients() {
        for (ProtocolClient c : clients) {
            c.close();
        }
        clients.clear();
        admin = null;
    }

    @Override
    public void close() {
        closeClients();
        fixture.close();
    }
}
