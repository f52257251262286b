package org.mcx.backend.samples;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.Role;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.Priority;
import org.mcx.protocol.model.ServiceQuery;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;
import org.mcx.samples.NodeCredentials;

/**
 * A real backend with an administrator's console following {@code service.*} events, and the few
 * steps the sample tests repeat. Everything over real WebSockets; waits are bounded polls of
 * queues and futures, never sleeps.
 */
final class SampleFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String PASSWORD = "alice-password";

    private final BackendFixture backend;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final BlockingQueue<Common.Event> events = new LinkedBlockingQueue<>();
    private ProtocolClient admin;

    private SampleFixture(BackendFixture backend) {
        this.backend = backend;
    }

    static SampleFixture start(Path dir) throws Exception {
        SampleFixture f = new SampleFixture(BackendFixture.start(dir));
        f.connectAdmin();
        return f;
    }

    /** With the in-process service access server on a free loopback port, as {@code --sas-port} runs it. */
    static SampleFixture startWithServiceAccessServer(Path dir) throws Exception {
        int sasPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            sasPort = s.getLocalPort();
        }
        SampleFixture f = new SampleFixture(BackendFixture.start(dir, "primary", c -> c.withSasPort(sasPort)));
        f.connectAdmin();
        return f;
    }

    BackendFixture backend() {
        return backend;
    }

    ProtocolClient admin() {
        return admin;
    }

    /** After a restart the old console is gone: a new one, following service events from now on. */
    void connectAdmin() throws Exception {
        admin = own(connect(ProtocolClient.builder(backend.base(), Endpoint.ACMC)
                .authenticator(Authenticator.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD))
                .reconnect(ReconnectPolicy.disabled()).onEvent(events::add).build()));
        await(admin.subscribe(List.of("service.")));
    }

    ProtocolClient connect(ProtocolClient client) throws Exception {
        await(client.connect());
        return client;
    }

    <T extends AutoCloseable> T own(T closeable) {
        owned.add(closeable);
        return closeable;
    }

    NodeCredentials serviceNode(String nodeId) throws Exception {
        Console.NodeCreated created = call(MessageType.NODES_CREATE, new Console.CreateNode(nodeId, Console.NodeKind.SERVICE));
        return new NodeCredentials(nodeId, created.secret());
    }

    void saveUser(String mcServiceId, ServiceType... allowed) throws Exception {
        call(MessageType.USERS_SAVE, new Console.SaveUser(mcServiceId, "User " + mcServiceId, List.<Role>of(), true,
                List.of(allowed), true, PASSWORD, Priority.EMERGENCY));
    }

    List<Console.ServiceInstance> services() throws Exception {
        Console.Services s = call(MessageType.SERVICES_LIST, new Console.ServicesList(ServiceQuery.all()));
        return s.services();
    }

    @SuppressWarnings("unchecked")
    <R extends Body> R call(MessageType type, Body body) throws Exception {
        return (R) await(admin.request(type, body, type.responseBody()));
    }

    /** The next admin event on {@code topic} that matches, or null after {@code within}. */
    Common.Event nextEvent(String topic, Predicate<Common.Event> match, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Common.Event e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null || (e.topic().equals(topic) && match.test(e))) {
                return e;
            }
        }
    }

    /** Every event received so far (without waiting), for asserting that something did not happen. */
    List<Common.Event> drainEvents() {
        List<Common.Event> out = new ArrayList<>();
        events.drainTo(out);
        return out;
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        IllegalStateException failure = null;
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing " + owned.get(i) + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        backend.close();
        if (failure != null) {
            throw failure;
        }
    }
}
