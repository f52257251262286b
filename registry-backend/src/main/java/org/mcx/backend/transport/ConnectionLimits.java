package org.mcx.backend.transport;

import java.time.Duration;

/**
 * What one peer may cost the listener, in bytes and in time: answers and events queued for a peer
 * that reads slowly are bounded per connection and in total, and a peer whose backlog does not
 * drain in time is disconnected. Reading from a backlogged peer pauses, so a client that sends
 * requests without reading the answers is slowed by TCP rather than buffered in the heap.
 *
 * @param maxQueuedBytes      bytes (UTF-8) waiting to be sent to one peer; beyond it the peer is dropped
 * @param pauseReadingAt      backlog at which this peer's next frames wait until it has read
 * @param slowPeerTimeout     how long a peer may stay backlogged before it is dropped
 * @param totalQueuedBytes    bytes waiting for all peers together; beyond it backlogged peers are dropped first
 */
public record ConnectionLimits(long maxQueuedBytes, long pauseReadingAt, Duration slowPeerTimeout,
                               long totalQueuedBytes) {
    public ConnectionLimits {
        if (pauseReadingAt <= 0 || pauseReadingAt > maxQueuedBytes) {
            throw new IllegalArgumentException("pauseReadingAt must be in (0, maxQueuedBytes]");
        }
        if (totalQueuedBytes < maxQueuedBytes) {
            throw new IllegalArgumentException("totalQueuedBytes must be at least maxQueuedBytes");
        }
    }

    /** 16 MiB per peer (sixteen maximal messages), paused from 1 MiB, 30 s to drain, a quarter of the heap in all. */
    public static ConnectionLimits defaults() {
        return perPeer(16L << 20);
    }

    /** The defaults with another per-peer bound (reading pauses at a sixteenth of it). */
    public static ConnectionLimits perPeer(long maxQueuedBytes) {
        long total = Math.max(maxQueuedBytes, Runtime.getRuntime().maxMemory() / 4);
        return new ConnectionLimits(maxQueuedBytes, Math.max(1, maxQueuedBytes / 16), Duration.ofSeconds(30), total);
    }

    public ConnectionLimits withSlowPeerTimeout(Duration timeout) {
        return new ConnectionLimits(maxQueuedBytes, pauseReadingAt, timeout, totalQueuedBytes);
    }

    public ConnectionLimits withTotalQueuedBytes(long total) {
        return new ConnectionLimits(maxQueuedBytes, pauseReadingAt, slowPeerTimeout, total);
    }
}
