package org.mcx.backend.events;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.mcx.backend.transport.PeerSession;
import org.mcx.protocol.message.Common;

/**
 * One console's subscription. While its missed events are being replayed, live ones are held back
 * and sent afterwards, so the console sees every event once, in order, without gaps.
 */
final class ConsoleFeed {
    private final PeerSession session;
    private List<String> topics = List.of();
    private boolean replaying;
    private long lastSent;
    private final Queue<PublishedEvent> heldBack = new ArrayDeque<>();

    ConsoleFeed(PeerSession session) {
        this.session = session;
    }

    /** Called at a quiet point: everything after {@code lastSeq} will arrive through {@link #live}. */
    synchronized void restart(List<String> newTopics, long lastSeq, boolean willReplay) {
        topics = newTopics;
        replaying = willReplay;
        heldBack.clear();
        lastSent = willReplay ? Long.MIN_VALUE : lastSeq;
    }

    synchronized void live(PublishedEvent e) {
        if (!matches(e.event().topic())) {
            return;
        }
        if (replaying) {
            heldBack.add(e);
        } else if (e.event().seq() > lastSent) {
            lastSent = e.event().seq();
            session.send(e.frame());
        }
    }

    synchronized void replayed(Common.Event e, String frame) {
        if (matches(e.topic()) && e.seq() > lastSent) {
            lastSent = e.seq();
            session.send(frame);
        }
    }

    synchronized void replayDone() {
        replaying = false;
        PublishedEvent e;
        while ((e = heldBack.poll()) != null) {
            if (e.event().seq() > lastSent) {
                lastSent = e.event().seq();
                session.send(e.frame());
            }
        }
    }

    void abort() {
        session.close(1011, "event replay failed");
    }

    private boolean matches(String topic) {
        if (topic.startsWith(EventLog.INTERNAL)) {
            return false; // how nodes tell each other what to do: not part of the consoles' protocol
        }
        for (String prefix : topics) {
            if (topic.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
