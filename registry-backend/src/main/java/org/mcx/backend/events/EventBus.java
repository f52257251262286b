package org.mcx.backend.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans committed events out to live subscribers, in commit order, on the database writer thread. */
public final class EventBus {
    private static final Logger log = LoggerFactory.getLogger(EventBus.class);
    private final List<Consumer<PublishedEvent>> subscribers = new CopyOnWriteArrayList<>();

    public Runnable subscribe(Consumer<PublishedEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    void publish(PublishedEvent event) {
        for (Consumer<PublishedEvent> s : subscribers) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                log.error("event subscriber failed on seq {}", event.event().seq(), e);
            }
        }
    }
}
