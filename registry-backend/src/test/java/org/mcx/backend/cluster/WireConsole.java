package org.mcx.backend.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.RawClient;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.wire.Codec;

/**
 * A console written on the bare protocol, without the client library: it keeps every event frame
 * exactly as the server sent it and, when its node is lost, logs on at the next one itself and
 * subscribes from the last event it has. The client library drops repeats before a listener sees
 * them; this one shows whether the servers sent any.
 */
final class WireConsole implements AutoCloseable {
    private static final Codec CODEC = new Codec();

    private final List<URI> nodes;
    private final List<Common.Event> frames = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile RawClient link;
    private volatile boolean closed;
    private volatile Throwable failure;
    private volatile int moves;
    private final long startSeq;

    private WireConsole(List<URI> nodes) throws Exception {
        this.nodes = nodes;
        this.link = connect(nodes.get(0));
        this.startSeq = subscribe(link, null);
        this.reader = new Thread(this::read, "wire-console");
        reader.setDaemon(true);
        reader.start();
    }

    /** Logs on at the first of {@code nodes} and subscribes to every topic from now on. */
    static WireConsole open(List<URI> nodes) throws Exception {
        return new WireConsole(nodes);
    }

    private void read() {
        int next = 1;
        try {
            while (!closed) {
                String frame = link.poll(100);
                if (frame != null) {
                    JsonNode envelope = CODEC.mapper().readTree(frame);
                    if ("event".equals(envelope.path("type").asText())) {
                        frames.add(CODEC.decode(envelope.path("body"), Common.Event.class));
                    }
                } else if (link.closeCode() != -1 && !closed) {
                    // Everything the lost node sent has been read: move on, from the last event kept.
                    link = connect(nodes.get(next++ % nodes.size()));
                    subscribe(link, frames.isEmpty() ? startSeq : frames.get(frames.size() - 1).seq());
                    moves++;
                }
            }
        } catch (Exception | AssertionError e) {
            failure = e;
        }
    }

    private static RawClient connect(URI node) throws Exception {
        RawClient c = new RawClient(node, "/acmc");
        JsonNode login = c.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD);
        if (!RawClient.code(login).isEmpty()) {
            throw new IllegalStateException("log-on at " + node + " refused: " + login);
        }
        return c;
    }

    /** Subscribes to every topic after {@code sinceSeq} (null: from now); the server's newest seq. */
    private static long subscribe(RawClient c, Long sinceSeq) throws Exception {
        JsonNode reply = c.call("events.subscribe", "{\"topics\":[\"\"]" + (sinceSeq == null ? "" : ",\"sinceSeq\":" + sinceSeq) + "}");
        if (!RawClient.code(reply).isEmpty()) {
            throw new IllegalStateException("events.subscribe refused: " + reply);
        }
        return reply.path("body").path("lastSeq").asLong();
    }

    /** How many times it moved to another node. */
    int moves() {
        return moves;
    }

    long startSeq() {
        return startSeq;
    }

    /** Every event frame received, in the order received, from every node it used. */
    List<Common.Event> frames() {
        if (failure != null) {
            throw new AssertionError("the wire console stopped reading", failure);
        }
        return List.copyOf(frames);
    }

    /** Waits (generously) until it has received an event with at least this seq. */
    void awaitSeq(long seq, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (frames().stream().noneMatch(e -> e.seq() >= seq)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the wire console did not receive event " + seq + " within " + timeoutMillis
                        + " ms");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        reader.join(5_000);
        link.close();
    }
}
