package org.mcx.backend.transport;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Work a handler wants done once its response is on the wire (e.g. replaying events after "lastSeq"). */
public final class AfterReply {
    private static final Logger log = LoggerFactory.getLogger(AfterReply.class);
    private final List<Runnable> actions = new ArrayList<>(0);

    public synchronized void add(Runnable action) {
        actions.add(action);
    }

    synchronized void run() {
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.error("after-reply action failed", e);
            }
        }
    }
}
