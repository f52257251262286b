package org.mcx.backend.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.mcx.access.AccessConfig;
import org.mcx.access.AccessServer;
import org.mcx.access.Transport;

/**
 * A service access server node of its own (as the access-server package runs one), fed over CSC-15
 * by whichever backend node of its list answers, and an HTTP client of it that counts every answer
 * it got by status.
 */
final class SasNode implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String nodeId;
    private final AccessServer server;
    private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();

    private SasNode(String nodeId, AccessServer server) {
        this.nodeId = nodeId;
        this.server = server;
    }

    /**
     * Starts the node on its first snapshot from the first of {@code registries} that answers.
     *
     * @param grace how long it honours its grants once every registry node is lost
     */
    static SasNode start(String nodeId, String secret, List<URI> registries, Duration grace) throws Exception {
        // One event loop on NIO: the cores are the backends'; this node carries a handful of requests.
        AccessConfig config = AccessConfig.defaults("127.0.0.1", 0).withGrace(grace).withIo(Transport.NIO, 1);
        return new SasNode(nodeId, AccessServer.start(config, registries, nodeId, secret, null));
    }

    String nodeId() {
        return nodeId;
    }

    /** A GET through the node to the service of {@code profileId} on behalf of the token's user; the status. */
    int get(String profileId, String userToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/services/"
                + profileId + "/groups")).header("Authorization", "Bearer " + userToken)
                .timeout(Duration.ofSeconds(10)).build();
        int status;
        try {
            status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            status = -1; // no answer at all: the node did not serve
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        return status;
    }

    /** How many answers of each status it gave (-1: none), since it started. */
    Map<Integer, Integer> answers() {
        Map<Integer, Integer> counts = new TreeMap<>();
        answers.forEach((status, n) -> counts.put(status, n.get()));
        return counts;
    }

    /** Whether it decides on grants that are in sync with a registry node, or within their grace. */
    boolean ready() {
        return server.ready();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
