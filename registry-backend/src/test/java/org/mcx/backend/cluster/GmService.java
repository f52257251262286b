package org.mcx.backend.cluster;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.RemoteException;
import org.mcx.protocol.message.Registration;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A group management service behind the service access servers: a real HTTP server that answers
 * every request {@code 200}, registered with the registry as an MC service node does: once, through
 * one client given every backend node, then a heartbeat every third of its lease.
 *
 * <p>Leases are rows every node follows (V10), so one registration is routed by the SAS nodes of
 * every node, and it outlives the node it was made on: when that node dies the client moves to the
 * next and the heartbeats go on there. A heartbeat answered {@code NOT_FOUND} means the lease was
 * lost; the service registers again, as a real one must, and {@link #registrations} counts it.
 */
final class GmService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GmService.class);
    static final ServiceRef SERVICE = new ServiceRef(ServiceType.GM, "CSC-2");
    /**
     * Short, so that a lease nobody renews would end within the kill test (6 s, then the sweepers'
     * 2 s grace for a deadline another node wrote): surviving the kill takes the heartbeats.
     */
    static final Duration TTL = Duration.ofSeconds(6);
    static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration BEAT = TTL.dividedBy(3);
    /** After a heartbeat that reached no node: the client is moving; try again soon, not a third of a lease later. */
    private static final Duration RETRY = Duration.ofMillis(250);

    /** A heartbeat: sent at {@code atNanos}, acknowledged by {@code node} (its endpoint), or not. */
    record Beat(long atNanos, URI node, boolean acknowledged) {
    }

    private final HttpServer upstream;
    private final String nodeId;
    private final String secret;
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gm-heartbeats");
        t.setDaemon(true);
        return t;
    });
    private final List<Beat> history = new CopyOnWriteArrayList<>();
    private final AtomicInteger registrations = new AtomicInteger();
    private ProtocolClient client;
    private volatile String leaseId;

    GmService(String nodeId, String secret) throws IOException {
        this.nodeId = nodeId;
        this.secret = secret;
        this.upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        upstream.createContext("/", exchange -> {
            byte[] body = "{\"groups\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        upstream.start();
    }

    /** Registers the service's one instance through the first of {@code nodes} that answers, then heartbeats. */
    void register(List<URI> nodes) throws Exception {
        client = ProtocolClient.builder(nodes, Endpoint.REGISTRATION).name("gm")
                .authenticator(Authenticator.node(nodeId, secret)).build();
        client.connect().get(30, TimeUnit.SECONDS);
        registerNow();
        beats.schedule(this::beat, BEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void registerNow() throws Exception {
        leaseId = client.call(MessageType.REGISTER_SERVICE, new Registration.RegisterService("gm-1",
                SERVICE.serviceType(), SERVICE.serviceInterface(), List.of("HTTP"), "1", "http", "127.0.0.1",
                upstream.getAddress().getPort(), "/gm", (int) TTL.toSeconds(), Map.of()), Registration.Lease.class)
                .leaseId();
        registrations.incrementAndGet();
    }

    private void beat() {
        long sent = System.nanoTime();
        boolean acknowledged = false;
        try {
            client.call(MessageType.HEARTBEAT, new Registration.Heartbeat(leaseId), Registration.HeartbeatAck.class);
            acknowledged = true;
        } catch (RemoteException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                log.warn("gm: lease {} is gone ({}); registering again", leaseId, e.getMessage());
                try {
                    registerNow();
                } catch (Exception again) {
                    log.info("gm: could not register again: {}", again.toString());
                }
            } else {
                log.info("gm: heartbeat refused: {}", e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) { // not connected, or its node died under it: the client is moving
            log.debug("gm: heartbeat not answered: {}", e.toString());
        }
        history.add(new Beat(sent, client.uri(), acknowledged));
        try {
            beats.schedule(this::beat, (acknowledged ? BEAT : RETRY).toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closed
        }
    }

    /** The node the registration client uses now. */
    URI uri() {
        return client.uri();
    }

    /** How many times the service registered: 1 while its lease lives. */
    int registrations() {
        return registrations.get();
    }

    List<Beat> beats() {
        return List.copyOf(history);
    }

    @Override
    public void close() {
        beats.shutdownNow();
        if (client != null) {
            client.close();
        }
        upstream.stop(0);
    }
}
