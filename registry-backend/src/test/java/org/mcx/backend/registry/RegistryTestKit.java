package org.mcx.backend.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.Role;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import org.mcx.protocol.client.RemoteException;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Registration;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/**
 * A real backend, an administrator's console client and helpers to create service nodes and users,
 * register services and wait for events; everything over real WebSockets.
 */
final class RegistryTestKit implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    final BackendFixture fixture;
    final ProtocolClient admin;
    private final BlockingQueue<Common.Event> adminEvents = new LinkedBlockingQueue<>();
    private final List<ProtocolClient> clients = new ArrayList<>();

    RegistryTestKit(BackendFixture fixture) throws Exception {
        this.fixture = fixture;
        this.admin = connect(Endpoint.ACMC, Authenticator.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD));
        admin.addEventListener(adminEvents::add);
        admin.subscribe(List.of("service.")).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    static RegistryTestKit start(Path dir) throws Exception {
        return new RegistryTestKit(BackendFixture.start(dir));
    }

    ProtocolClient connect(Endpoint endpoint, Authenticator authenticator) throws Exception {
        ProtocolClient client = ProtocolClient.builder(fixture.base(), endpoint)
                .authenticator(authenticator)
                .reconnect(ReconnectPolicy.disabled())
                .build();
        clients.add(client);
        client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return client;
    }

    /** Creates a service node and connects it on /registration. */
    ProtocolClient serviceNode(String nodeId) throws Exception {
        return connect(Endpoint.REGISTRATION, Authenticator.node(nodeId, createNode(nodeId)));
    }

    String createNode(String nodeId) throws Exception {
        Console.NodeCreated created = call(admin, MessageType.NODES_CREATE,
                new Console.CreateNode(nodeId, Console.NodeKind.SERVICE));
        return created.secret();
    }

    void saveUser(String mcServiceId, boolean externalAccess, ServiceType... allowed) throws Exception {
        call(admin, MessageType.USERS_SAVE, new Console.SaveUser(mcServiceId, "User " + mcServiceId, List.<Role>of(),
                externalAccess, List.of(allowed), true, "password-of-" + mcServiceId));
    }

    static Registration.RegisterService registration(String serviceId, ServiceType type, String serviceInterface,
                                                     String version, int ttlSeconds, List<String> protocols,
                                                     String host, int port, Map<String, String> metadata) {
        return new Registration.RegisterService(serviceId, type, serviceInterface, protocols, version, "http", host,
                port, "/api", ttlSeconds, metadata);
    }

    static Registration.RegisterService mcptt(String serviceId, String host, int ttlSeconds) {
        return registration(serviceId, ServiceType.MCPTT, "MCPTT-1", "1.0", ttlSeconds, List.of("HTTP", "SIP"), host,
                8443, Map.of("description", "Mission-critical push to talk", "capabilities", "private-call,group-call"));
    }

    static <R extends Body> R call(ProtocolClient client, MessageType type, Body body) throws Exception {
        return client.call(type, body);
    }

    /** The error the server answers this request with; fails the test if it succeeds. */
    static RemoteException refusal(ProtocolClient client, MessageType type, Body body, ErrorCode expected) {
        Throwable thrown = catchThrowable(() -> client.call(type, body));
        assertThat(thrown).isInstanceOf(RemoteException.class);
        RemoteException e = (RemoteException) thrown;
        assertThat(e.code()).as(e.toString()).isEqualTo(expected);
        return e;
    }

    /** The next event on the admin's service.* subscription that matches; earlier ones are dropped. */
    Common.Event awaitEvent(String topic, Predicate<Common.Event> match, Duration within) throws InterruptedException {
        Common.Event e = pollEvent(topic, match, within);
        if (e == null) {
            throw new AssertionError("no " + topic + " event within " + within);
        }
        return e;
    }

    /** As {@link #awaitEvent}, but null when none arrives in time. */
    Common.Event pollEvent(String topic, Predicate<Common.Event> match, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Common.Event e = left <= 0 ? null : adminEvents.poll(left, TimeUnit.NANOSECONDS);
            if (e == null || (e.topic().equals(topic) && match.test(e))) {
                return e;
            }
        }
    }

    static Predicate<Common.Event> aboutLease(String leaseId) {
        return e -> leaseId.equals(e.data().path("leaseId").asText());
    }

    Console.Services services(org.mcx.protocol.model.ServiceQuery query) throws Exception {
        return call(admin, MessageType.SERVICES_LIST, new Console.ServicesList(query));
    }

    @Override
    public void close() {
        for (ProtocolClient c : clients) {
            c.close();
        }
        fixture.close();
    }
}
