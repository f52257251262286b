package org.mcx.access;

import java.util.concurrent.atomic.AtomicInteger;
import org.mcx.protocol.model.Priority;

/**
 * Bounds the requests in flight, shedding by priority (R-5.18.2-003): normal requests may use
 * 80% of the capacity, imminent-peril 95%, emergency all of it. Under overload the lower
 * priorities are refused first and emergency traffic still finds room.
 */
final class Admission {
    private final int capacity;
    private final AtomicInteger inFlight = new AtomicInteger();

    Admission(int capacity) {
        this.capacity = capacity;
    }

    boolean tryEnter(Priority priority) {
        int limit = switch (priority) {
            case NORMAL -> capacity * 8 / 10;
            case IMMINENT_PERIL -> capacity * 95 / 100;
            case EMERGENCY -> capacity;
        };
        while (true) {
            int now = inFlight.get();
            if (now >= limit) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void leave() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }
}
