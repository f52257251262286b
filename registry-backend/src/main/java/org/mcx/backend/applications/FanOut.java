package org.mcx.backend.applications;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mcx.backend.transport.PeerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends to many sessions on a few threads ("lanes") of its own, never on the database writer. A
 * send costs mostly the socket write, which Jetty does on the calling thread, so lanes let a
 * large fan-out use several cores (benchmarks' fanout, 1000 sessions on the 2-core VM: p50 about
 * 85 ms with two lanes, 143 ms with one). A session always uses the same lane, so what it is sent
 * keeps the order in which it was handed over.
 */
final class FanOut implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FanOut.class);

    private final ExecutorService[] lanes;

    FanOut(String name, int laneCount) {
        lanes = new ExecutorService[laneCount];
        for (int i = 0; i < laneCount; i++) {
            String threadName = name + "-" + (i + 1);
            lanes[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** Lanes for this machine: one per core, at most four (beyond that the NIC, not the CPU, limits). */
    static int defaultLanes() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** Runs {@code send} for every session, each on its own lane. */
    void sendToAll(List<PeerSession> sessions, Consumer<PeerSession> send) {
        List<List<PeerSession>> byLane = new ArrayList<>(lanes.length);
        for (int i = 0; i < lanes.length; i++) {
            byLane.add(new ArrayList<>(sessions.size() / lanes.length + 1));
        }
        for (PeerSession s : sessions) {
            byLane.get(laneOf(s)).add(s);
        }
        for (int i = 0; i < lanes.length; i++) {
            List<PeerSession> mine = byLane.get(i);
            if (!mine.isEmpty()) {
                lanes[i].execute(() -> mine.forEach(send));
            }
        }
    }

    /** Runs {@code task} on the session's lane, after everything handed over for it before. */
    void sendTo(PeerSession session, Runnable task) {
        lanes[laneOf(session)].execute(task);
    }

    private int laneOf(PeerSession session) {
        return Math.floorMod(System.identityHashCode(session), lanes.length);
    }

    @Override
    public void close() {
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
        try {
            for (ExecutorService lane : lanes) {
                if (!lane.awaitTermination(2, TimeUnit.SECONDS)) {
                    log.warn("a fan-out lane did not finish within 2 s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
