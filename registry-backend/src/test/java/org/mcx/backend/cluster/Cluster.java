package org.mcx.backend.cluster;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.mcx.backend.store.PostgresConfig;
import org.mcx.backend.testing.BackendProcess;
import org.mcx.backend.testing.TestPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backend nodes of one system on one PostgreSQL database, each a process of its own (so that it can
 * be killed with SIGKILL) with its own data directory and port. A killed node restarts on the same
 * port, so clients that list it find it again.
 */
final class Cluster implements AutoCloseable {
    static final String SYSTEM_ID = "primary";
    private static final Logger log = LoggerFactory.getLogger(Cluster.class);

    private final PostgresConfig database;
    private final Path dir;
    private final BackendProcess[] nodes;
    private final int[] ports;

    private Cluster(PostgresConfig database, Path dir, int size) {
        this.database = database;
        this.dir = dir;
        this.nodes = new BackendProcess[size];
        this.ports = new int[size];
    }

    /** {@code size} nodes on a new database, started at once, as an operator's service manager would. */
    static Cluster start(Path dir, int size) throws Exception {
        Cluster cluster = new Cluster(TestPostgres.newDatabase(), dir, size);
        // A thread each: the common pool has a single thread on two cores and would start them in turn.
        ExecutorService starters = Executors.newFixedThreadPool(size);
        try {
            List<CompletableFuture<BackendProcess>> starting = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                Path dataDir = Files.createDirectories(dir.resolve("node-" + i));
                starting.add(CompletableFuture.supplyAsync(() -> launch(cluster.database, dataDir, 0), starters));
            }
            RuntimeException failed = null;
            for (int i = 0; i < size; i++) {
                try {
                    cluster.nodes[i] = starting.get(i).join();
                } catch (RuntimeException e) { // the others are still collected, so that close() stops them
                    failed = e;
                    continue;
                }
                cluster.ports[i] = cluster.nodes[i].base().getPort();
                log.info("node {} listens on {} (pid {})", i, cluster.nodes[i].base(), cluster.nodes[i].pid());
            }
            if (failed != null) {
                throw failed;
            }
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        } finally {
            starters.shutdown();
        }
        return cluster;
    }

    private static BackendProcess launch(PostgresConfig database, Path dataDir, int port) {
        try {
            return BackendProcess.start(dataDir, SYSTEM_ID, port, database);
        } catch (Exception e) {
            throw new IllegalStateException("node in " + dataDir + " did not start", e);
        }
    }

    int size() {
        return nodes.length;
    }

    URI base(int node) {
        return URI.create("ws://127.0.0.1:" + ports[node]);
    }

    /** The nodes' addresses in this order: a client starts on the first and moves down the list. */
    List<URI> order(int... nodeIndexes) {
        return Arrays.stream(nodeIndexes).mapToObj(this::base).toList();
    }

    /** Every node, {@code first} first, then the others in turn. */
    List<URI> startingAt(int first) {
        List<URI> uris = new ArrayList<>();
        for (int i = 0; i < nodes.length; i++) {
            uris.add(base((first + i) % nodes.length));
        }
        return uris;
    }

    /** Which node an endpoint address (as {@code ProtocolClient.uri()} gives it) belongs to; -1 if none. */
    int nodeOf(URI uri) {
        for (int i = 0; i < ports.length; i++) {
            if (ports[i] == uri.getPort()) {
                return i;
            }
        }
        return -1;
    }

    /** SIGKILL, nothing flushed or closed; returns {@link System#nanoTime()} just before the signal. */
    long kill9(int node) throws InterruptedException {
        log.info("kill -9 node {} (pid {})", node, nodes[node].pid());
        long at = System.nanoTime();
        nodes[node].kill9();
        return at;
    }

    /** Starts a killed node again on its data directory and port. */
    void restart(int node) {
        nodes[node] = launch(database, dir.resolve("node-" + node), ports[node]);
        log.info("node {} restarted (pid {})", node, nodes[node].pid());
    }

    /** The database every node shares, for a test that reads what the nodes wrote. */
    PostgresConfig database() {
        return database;
    }

    /** How much each node has printed so far: a mark for {@link #nodeSaying}. */
    int[] outputMarks() {
        int[] marks = new int[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            marks[i] = output(i).length();
        }
        return marks;
    }

    /**
     * The node that printed {@code text} after {@code marks} (the first, if several did); -1 if none.
     * Which node holds what is logged, not stored by node: the rows name a process's random instance id.
     */
    int nodeSaying(String text, int[] marks) {
        for (int i = 0; i < nodes.length; i++) {
            String out = output(i);
            if (out.length() > marks[i] && out.indexOf(text, marks[i]) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** What the node printed: its log, for the report when something went wrong. */
    String output(int node) {
        return nodes[node] == null ? "" : nodes[node].output();
    }

    /** Writes each node's output to {@code dir}/node-N.log, for whoever reads the test's report. */
    void saveLogs(Path logDir) throws java.io.IOException {
        Files.createDirectories(logDir);
        for (int i = 0; i < nodes.length; i++) {
            Files.writeString(logDir.resolve("node-" + i + ".log"), output(i));
        }
    }

    @Override
    public void close() {
        for (BackendProcess node : nodes) {
            if (node != null) {
                try {
                    node.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
