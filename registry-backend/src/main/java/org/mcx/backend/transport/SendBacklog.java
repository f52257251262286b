package org.mcx.backend.transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes on their way to one peer: reserved before a frame is handed to the socket, released
 * once it is written (or dropped). They count towards the listener's total too, so that many
 * slow peers together cannot take the heap either.
 */
final class SendBacklog {
    private final ConnectionLimits limits;
    private final AtomicLong listenerTotal;
    private final AtomicLong queued = new AtomicLong();

    SendBacklog(ConnectionLimits limits, AtomicLong listenerTotal) {
        this.limits = limits;
        this.listenerTotal = listenerTotal;
    }

    /**
     * Reserves room for a frame. Refused when this peer's backlog would pass its bound, or when the
     * listener's total is spent and this peer is already behind (a peer that keeps up is served).
     */
    boolean reserve(long bytes) {
        long before = queued.getAndAdd(bytes);
        long total = listenerTotal.addAndGet(bytes);
        if (before + bytes > limits.maxQueuedBytes() || (total > limits.totalQueuedBytes() && before > 0)) {
            release(bytes);
            return false;
        }
        return true;
    }

    void release(long bytes) {
        queued.addAndGet(-bytes);
        listenerTotal.addAndGet(-bytes);
    }

    /** Behind enough that reading this peer's next requests should wait until it has read. */
    boolean isBacklogged() {
        return queued.get() > limits.pauseReadingAt();
    }

    long queuedBytes() {
        return queued.get();
    }
}
