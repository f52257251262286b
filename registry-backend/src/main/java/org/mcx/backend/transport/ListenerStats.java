package org.mcx.backend.transport;

import java.util.concurrent.atomic.AtomicLong;

/** What the listener's defences are doing, for operators (metrics, logs) and tests. */
public final class ListenerStats {
    final AtomicLong queuedBytes = new AtomicLong();
    final AtomicLong slowPeersDropped = new AtomicLong();
    final AtomicLong floodersClosed = new AtomicLong();

    /** Bytes (UTF-8) waiting to be written to all peers together. */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** Peers dropped because they did not read what was sent to them. */
    public long slowPeersDropped() {
        return slowPeersDropped.get();
    }

    /** Peers closed with 4429 for pushing on after RATE_LIMITED. */
    public long floodersClosed() {
        return floodersClosed.get();
    }
}
