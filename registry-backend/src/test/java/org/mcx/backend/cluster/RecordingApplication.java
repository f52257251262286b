package org.mcx.backend.cluster;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.wire.MessageType;

/**
 * A session of an external application (CSC-14) through the real client library given every node:
 * it acknowledges each {@code notifyApplicationProfile} at once and keeps it, with the node that
 * sent it.
 */
final class RecordingApplication implements AutoCloseable {
    record Notified(String applicationProfileId, long version, int node, long atNanos) {
    }

    private final String name;
    private final Cluster cluster;
    private final ProtocolClient client;
    private final List<Notified> notified = new CopyOnWriteArrayList<>();

    private RecordingApplication(String name, Cluster cluster, Console.ApplicationCreated app, List<URI> nodes)
            throws Exception {
        this.name = name;
        this.cluster = cluster;
        this.client = ProtocolClient.builder(nodes, Endpoint.CSC14).name(name)
                .authenticator(Authenticator.application(app.applicationId(), app.secret()))
                .handle(MessageType.NOTIFY_APPLICATION_PROFILE, Csc14.NotifyApplicationProfile.class, n -> {
                    // The dispatcher thread, where the client also changes node: uri() is the sender.
                    notified.add(new Notified(n.applicationProfileId(), n.version(), cluster.nodeOf(client().uri()),
                            System.nanoTime()));
                    return Common.ResultBody.success();
                })
                .build();
        client.connect().get(30, TimeUnit.SECONDS);
    }

    static RecordingApplication open(String name, Cluster cluster, Console.ApplicationCreated app, List<URI> nodes)
            throws Exception {
        return new RecordingApplication(name, cluster, app, nodes);
    }

    String name() {
        return name;
    }

    ProtocolClient client() {
        return client;
    }

    int node() {
        return cluster.nodeOf(client.uri());
    }

    List<Notified> notified() {
        return List.copyOf(notified);
    }

    /** Waits (generously) for a notification of this version of the profile, or a later one. */
    Notified awaitVersion(String applicationProfileId, long version, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            for (Notified n : notified) {
                if (n.applicationProfileId().equals(applicationProfileId) && n.version() >= version) {
                    return n;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(name + " was not notified of " + applicationProfileId + " version " + version
                + " within " + timeoutMillis + " ms; notified: " + tail());
    }

    private List<Notified> tail() {
        List<Notified> all = notified();
        return all.subList(Math.max(0, all.size() - 5), all.size());
    }

    @Override
    public void close() {
        client.close();
    }
}
