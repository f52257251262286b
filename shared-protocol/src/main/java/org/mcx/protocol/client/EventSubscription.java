package org.mcx.protocol.client;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's view of the event stream: the topics the server accepted and the highest sequence
 * number delivered. After a reconnect the client subscribes again from that number, so missed
 * events are replayed; anything at or below it is a repeat and is dropped.
 */
final class EventSubscription {
    private static final Logger log = LoggerFactory.getLogger(EventSubscription.class);

    private final String name;
    private final List<Consumer<Common.Event>> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> topics = new LinkedHashSet<>(); // guarded by this
    private long lastSeq = -1; // guarded by this; -1 = nothing delivered or accepted yet

    EventSubscription(String name, List<Consumer<Common.Event>> initialListeners) {
        this.name = name;
        this.listeners.addAll(initialListeners);
    }

    void addListener(Consumer<Common.Event> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<Common.Event> listener) {
        listeners.remove(listener);
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    /**
     * The subscription for {@code more} topics: always the union with the accepted ones, so it does
     * not matter whether the server adds or replaces. Without an explicit {@code sinceSeq} it
     * continues from the last delivered event, so nothing falls in a gap.
     */
    synchronized Console.Subscribe subscription(List<String> more, Long sinceSeq) {
        Set<String> all = new LinkedHashSet<>(topics);
        all.addAll(more);
        Long since = sinceSeq != null ? sinceSeq : lastSeq >= 0 ? Long.valueOf(lastSeq) : null;
        return new Console.Subscribe(List.copyOf(all), since);
    }

    /** The subscription to send again after a reconnect, if there is one. */
    synchronized Optional<Console.Subscribe> resubscription() {
        if (topics.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Console.Subscribe(List.copyOf(topics), lastSeq >= 0 ? lastSeq : null));
    }

    /**
     * The server accepted {@code sent}. Events up to {@code sinceSeq}, or up to the server's newest
     * when none was given, are not wanted: taking the maximum keeps this right whether the reply is
     * handled before or after the first replayed events.
     */
    synchronized void accepted(Console.Subscribe sent, Console.Subscribed reply) {
        topics.addAll(sent.topics());
        Long since = sent.sinceSeq();
        if (since != null && reply.lastSeq() < since) {
            log.warn("{}: the server's newest event is {} but this client has seen {}; "
                    + "events up to {} will not be delivered (server data restored?)", name, reply.lastSeq(), since, since);
        }
        lastSeq = Math.max(lastSeq, since != null ? since : reply.lastSeq());
    }

    /** Delivers an event to the listeners unless it was delivered before; on the dispatcher thread. */
    void deliver(Common.Event event) {
        synchronized (this) {
            if (event.seq() <= lastSeq) {
                log.debug("{}: dropped repeated event {} ({}); last delivered {}", name, event.seq(), event.topic(), lastSeq);
                return;
            }
            lastSeq = event.seq();
        }
        for (Consumer<Common.Event> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.error("{}: event listener failed on event {} ({})", name, event.seq(), event.topic(), e);
            }
        }
    }
}
