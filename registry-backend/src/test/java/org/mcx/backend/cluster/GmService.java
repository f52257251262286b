package org.mcx.backend.cluster;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import org.mcx.protocol.message.Registration;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/**
 * A group management service behind the service access servers: a real HTTP server that answers
 * every request {@code 200}, registered with the registry as an MC service node does.
 *
 * <p>It registers with <em>every</em> backend node, one connection each: on this commit a node keeps
 * its leases in memory, so a service is routed only by the SAS nodes fed by the node it registered
 * with. Once leases are shared (the leases work of issue 13), one registration through a client
 * given every node is the way, and {@link #registerWith} should go.
 */
final class GmService implements AutoCloseable {
    static final ServiceRef SERVICE = new ServiceRef(ServiceType.GM, "CSC-2");
    /** The longest lease the registry grants: no heartbeat is needed while a test runs. */
    private static final int TTL_SECONDS = 300;

    private final HttpServer upstream;
    private final String nodeId;
    private final String secret;
    private final Map<Integer, ProtocolClient> registrations = new ConcurrentHashMap<>();

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

    /** Registers the service's one instance with backend node {@code node} (again, after it restarted). */
    void registerWith(Cluster cluster, int node) throws Exception {
        ProtocolClient old = registrations.remove(node);
        if (old != null) {
            old.close();
        }
        ProtocolClient c = ProtocolClient.builder(cluster.base(node), Endpoint.REGISTRATION).name("gm-on-" + node)
                .authenticator(Authenticator.node(nodeId, secret)).reconnect(ReconnectPolicy.disabled()).build();
        registrations.put(node, c);
        c.connect().get(30, TimeUnit.SECONDS);
        c.call(MessageType.REGISTER_SERVICE, new Registration.RegisterService("gm-1", SERVICE.serviceType(),
                SERVICE.serviceInterface(), List.of("HTTP"), "1", "http", "127.0.0.1",
                upstream.getAddress().getPort(), "/gm", TTL_SECONDS, Map.of()), Registration.Lease.class);
    }

    @Override
    public void close() {
        registrations.values().forEach(ProtocolClient::close);
        upstream.stop(0);
    }
}
