package org.mcx.backend.events;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.mcx.backend.store.Database;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.Handlers;
import org.mcx.backend.transport.PeerSession;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code events.subscribe}: live events for consoles, with replay from {@code sinceSeq}. */
public final class EventHandlers {
    private static final Logger log = LoggerFactory.getLogger(EventHandlers.class);
    private static final int PAGE = 1000;

    private final Database db;
    private final EventLog events;
    private final Map<PeerSession, ConsoleFeed> feeds = new ConcurrentHashMap<>();

    public EventHandlers(Database db, EventLog events) {
        this.db = db;
        this.events = events;
        events.bus().subscribe(e -> feeds.values().forEach(f -> f.live(e)));
    }

    public void register(Handlers handlers) {
        handlers.on(MessageType.EVENTS_SUBSCRIBE, Console.Subscribe.class, this::subscribe);
    }

    private CompletableFuture<Console.Subscribed> subscribe(Call<Console.Subscribe> call) {
        PeerSession session = call.session();
        ConsoleFeed feed = feeds.computeIfAbsent(session, s -> {
            s.onClose(() -> feeds.remove(s));
            return new ConsoleFeed(s);
        });
        Long since = call.body().sinceSeq();
        long last = events.atPublishedPoint(published -> {
            feed.restart(call.body().topics(), published, since != null);
            return published;
        });
        if (since != null) {
            call.afterReply().add(() -> replay(feed, since, last));
        }
        return CompletableFuture.completedFuture(new Console.Subscribed(last));
    }

    private void replay(ConsoleFeed feed, long after, long upTo) {
        db.read(c -> events.read(c, after, upTo, PAGE)).whenComplete((page, failure) -> {
            if (failure != null) {
                // Closing makes the console reconnect and ask again; going live would leave a gap.
                log.error("event replay failed after seq {}", after, failure);
                feed.abort();
                return;
            }
            for (Common.Event e : page) {
                feed.replayed(e, events.encode(e));
            }
            if (page.size() == PAGE) {
                replay(feed, page.get(page.size() - 1).seq(), upTo);
            } else {
                feed.replayDone();
            }
        });
    }
}
