package org.mcx.backend.cluster;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Common;

/**
 * A console as an operator runs it: the real client library given every node, logged in as the
 * administrator, subscribed to every topic, keeping each event it is handed, with the node it came
 * from and when. What it keeps is what the console's own code would see.
 */
final class RecordingConsole implements AutoCloseable {
    /** An event as handed to the console, from {@code node}, at {@code atNanos}. */
    record Received(Common.Event event, int node, long atNanos) {
    }

    private final String name;
    private final Cluster cluster;
    private final ProtocolClient client;
    private final List<Received> received = new ArrayList<>(); // guarded by itself
    private final long startSeq;

    private RecordingConsole(String name, Cluster cluster, List<URI> nodes, Long sinceSeq) throws Exception {
        this.name = name;
        this.cluster = cluster;
        this.client = ProtocolClient.builder(nodes, Endpoint.ACMC).name(name)
                .authenticator(Authenticator.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD))
                .onEvent(this::keep)
                .build();
        client.connect().get(30, TimeUnit.SECONDS);
        long newest = client.subscribe(List.of(""), sinceSeq).get(30, TimeUnit.SECONDS).lastSeq();
        this.startSeq = sinceSeq == null ? newest : sinceSeq;
    }

    /** Connects to the first node of {@code nodes} that answers and subscribes to every topic from now on. */
    static RecordingConsole open(String name, Cluster cluster, List<URI> nodes) throws Exception {
        return new RecordingConsole(name, cluster, nodes, null);
    }

    /** A console that is first handed, from the log, every event after {@code sinceSeq}, then goes on live. */
    static RecordingConsole replaying(String name, Cluster cluster, List<URI> nodes, long sinceSeq) throws Exception {
        return new RecordingConsole(name, cluster, nodes, sinceSeq);
    }

    private void keep(Common.Event event) {
        // On the client's dispatcher thread, where it also moves to another node: uri() is the event's node.
        Received r = new Received(event, cluster.nodeOf(client.uri()), System.nanoTime());
        synchronized (received) {
            received.add(r);
        }
    }

    String name() {
        return name;
    }

    ProtocolClient client() {
        return client;
    }

    /** The node it uses now. */
    int node() {
        return cluster.nodeOf(client.uri());
    }

    /** The newest event there was when it subscribed: it is handed every later one. */
    long startSeq() {
        return startSeq;
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The events handed to it, in the order they were. */
    List<Common.Event> events() {
        return received().stream().map(Received::event).toList();
    }

    /** Waits (generously) until it has been handed an event that {@code wanted} accepts; returns it. */
    Received await(Predicate<Common.Event> wanted, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            for (Received r : received()) {
                if (wanted.test(r.event())) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(name + " was not handed the awaited event within " + timeoutMillis + " ms; last: "
                + (received().isEmpty() ? "none" : received().get(received().size() - 1)));
    }

    /** The first event it was handed by a node other than {@code killed} after {@code sinceNanos}, if any. */
    Received firstFromAnotherNode(int killed, long sinceNanos) {
        return received().stream().filter(r -> r.atNanos() > sinceNanos && r.node() != killed).findFirst().orElse(null);
    }

    @Override
    public void close() {
        client.close();
    }
}
