package org.mcx.backend.identity;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.mcx.backend.transport.PeerSession;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;

/**
 * The gate in front of password checks. A PBKDF2 check costs about 160 ms of a core, so an
 * unbounded queue of them lets a few anonymous connections delay every log-on for minutes. Here:
 * <ul>
 *   <li>one check at a time per unauthenticated connection (an application logging on users may
 *       have {@value #PER_APPLICATION} at once), a bounded number per client address and in all;
 *       anything beyond is refused at once ({@code RATE_LIMITED}), costing nothing;</li>
 *   <li>checks waiting are taken in turn per client address, so an address that floods waits
 *       behind itself, and a connection that floods holds one place in its address's line;</li>
 *   <li>at most {@code parallelism} checks hash at once, leaving the other cores to the rest.</li>
 * </ul>
 * A ticket is held for the whole log-on (lookup, hash, recording the outcome), not the hash alone.
 */
final class PasswordChecks {
    static final int PER_APPLICATION = 4;
    static final String BUSY = "too many log-ons are being checked; try again in a few seconds";

    private final Executor cpu;
    private final int parallelism;
    private final int maxPending;
    private final int maxPerAddress;
    private final Map<Object, Integer> pendingByConnection = new HashMap<>();
    private final Map<String, Integer> pendingByAddress = new HashMap<>();
    private final Map<String, ArrayDeque<Runnable>> waitingByAddress = new HashMap<>();
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    private int pending;
    private int hashing;

    /**
     * @param parallelism   checks hashing at the same time
     * @param maxPending    log-ons admitted and not finished, in all
     * @param maxPerAddress of those, from one client address
     */
    PasswordChecks(Executor cpu, int parallelism, int maxPending, int maxPerAddress) {
        this.cpu = cpu;
        this.parallelism = parallelism;
        this.maxPending = maxPending;
        this.maxPerAddress = maxPerAddress;
    }

    /** The defaults: half the cores hash, 32 log-ons admitted at most, 16 of them from one address. */
    static PasswordChecks defaults(Executor cpu, int maxPending) {
        int parallelism = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        return new PasswordChecks(cpu, parallelism, maxPending, Math.max(1, maxPending / 2));
    }

    /** A place for one log-on of this peer, or RATE_LIMITED at once. Release it when the log-on ends. */
    Ticket admit(PeerSession peer) {
        return admit(peer, addressOf(peer), peer.isAuthenticated() ? PER_APPLICATION : 1);
    }

    /** As {@link #admit(PeerSession)}, for a connection known by any key. */
    synchronized Ticket admit(Object connection, String address, int perConnection) {
        int fromAddress = pendingByAddress.getOrDefault(address, 0);
        int fromConnection = pendingByConnection.getOrDefault(connection, 0);
        if (pending >= maxPending || fromAddress >= maxPerAddress || fromConnection >= perConnection) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED, BUSY);
        }
        pending++;
        pendingByAddress.put(address, fromAddress + 1);
        pendingByConnection.put(connection, fromConnection + 1);
        return new Ticket(connection, address);
    }

    /** Held from admission to the end of one log-on; hashes go through {@link #hash}. */
    final class Ticket implements AutoCloseable {
        private final Object connection;
        private final String address;
        private boolean released;
        private Runnable waiting;
        private CompletableFuture<?> waitingResult;

        private Ticket(Object connection, String address) {
            this.connection = connection;
            this.address = address;
        }

        /** Runs {@code work} (a hash) when this address's turn comes and a hashing slot is free. */
        <T> CompletableFuture<T> hash(Supplier<T> work) {
            CompletableFuture<T> result = new CompletableFuture<>();
            Runnable job = () -> {
                try {
                    result.complete(work.get());
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            };
            synchronized (PasswordChecks.this) {
                waiting = job;
                waitingResult = result;
                enqueue(address, job);
            }
            return result;
        }

        /**
         * The connection closed: a hash still waiting is dropped unhashed, so that connections an
         * attacker opens and abandons do not keep their places in the line.
         */
        void abandon() {
            CompletableFuture<?> dropped = null;
            synchronized (PasswordChecks.this) {
                if (waiting != null && dequeue(address, waiting)) {
                    dropped = waitingResult;
                }
                waiting = null;
                waitingResult = null;
            }
            if (dropped != null) {
                dropped.completeExceptionally(new ProtocolException(ErrorCode.UNAVAILABLE, "connection closed"));
            }
        }

        @Override
        public void close() {
            synchronized (PasswordChecks.this) {
                if (released) {
                    return;
                }
                released = true;
                pending--;
                pendingByConnection.computeIfPresent(connection, (p, n) -> n == 1 ? null : n - 1);
                pendingByAddress.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    private synchronized void enqueue(String address, Runnable job) {
        ArrayDeque<Runnable> line = waitingByAddress.computeIfAbsent(address, a -> new ArrayDeque<>());
        if (line.isEmpty()) {
            turns.add(address);
        }
        line.add(job);
        startWhatMay();
    }

    private synchronized boolean dequeue(String address, Runnable job) {
        ArrayDeque<Runnable> line = waitingByAddress.get(address);
        if (line == null || !line.remove(job)) {
            return false; // already hashing or done
        }
        if (line.isEmpty()) {
            waitingByAddress.remove(address);
            turns.remove(address);
        }
        return true;
    }

    private synchronized void startWhatMay() {
        while (hashing < parallelism && !turns.isEmpty()) {
            String address = turns.poll();
            ArrayDeque<Runnable> line = waitingByAddress.get(address);
            Runnable job = line.poll();
            if (line.isEmpty()) {
                waitingByAddress.remove(address);
            } else {
                turns.add(address); // the next of this address waits for every other address's turn
            }
            hashing++;
            cpu.execute(() -> {
                try {
                    job.run();
                } finally {
                    finishedHashing();
                }
            });
        }
    }

    private synchronized void finishedHashing() {
        hashing--;
        startWhatMay();
    }

    synchronized int pending() {
        return pending;
    }

    /** The peer's IP address without its port: connections from one host share a line. */
    private static String addressOf(PeerSession peer) {
        String remote = peer.remoteAddress();
        int colon = remote.lastIndexOf(':');
        return colon > 0 ? remote.substring(0, colon) : remote;
    }
}
