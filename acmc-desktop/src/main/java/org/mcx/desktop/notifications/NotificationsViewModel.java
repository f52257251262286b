package org.mcx.desktop.notifications;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.transformation.FilteredList;
import org.mcx.desktop.common.EventFeed;
import org.mcx.desktop.common.FeedItem;
import org.mcx.protocol.message.Common;

/**
 * The live feed: every event, newest first, capped; filtered by topic family; an unread count that
 * the shell shows; important events handed to a toaster.
 */
public final class NotificationsViewModel implements EventFeed {
    static final int CAP = 2000;
    public static final Set<String> FAMILIES = new TreeSet<>(Set.of("service", "application", "profile", "user",
            "partner", "serverIdentity", "userMigration", "access"));

    private final EventText text;
    private final Predicate<String> important;
    private final ObservableList<FeedItem> feed = FXCollections.observableArrayList();
    private final FilteredList<FeedItem> shown = new FilteredList<>(feed);
    private final ObservableSet<String> families = FXCollections.observableSet(new TreeSet<>(FAMILIES));
    private final IntegerProperty unread = new SimpleIntegerProperty();
    private Consumer<FeedItem> toaster = item -> { };
    private long lastSeq = -1;

    public NotificationsViewModel(EventText text, Predicate<String> important) {
        this.text = text;
        this.important = important;
        families.addListener((javafx.collections.SetChangeListener<String>) c -> refilter());
        refilter();
    }

    /**
     * Called on the UI thread for every event. The server sends each event once and in order; one
     * seen already (a subscription replayed from an older point) is not shown, nor toasted, again.
     */
    public void add(Common.Event event) {
        if (event.seq() <= lastSeq) {
            return;
        }
        lastSeq = event.seq();
        FeedItem item = new FeedItem(event.seq(), event.at(), event.topic(), text.describe(event),
                important.test(event.topic()), event);
        feed.add(0, item);
        if (feed.size() > CAP) {
            feed.remove(CAP, feed.size());
        }
        unread.set(unread.get() + 1);
        if (item.important()) {
            toaster.accept(item);
        }
    }

    /** Tells every event again (the names of applications and partners became known). */
    public void redescribe() {
        feed.replaceAll(item -> item.event() == null ? item : item.withText(text.describe(item.event())));
    }

    public void markAllRead() {
        unread.set(0);
    }

    public void setToaster(Consumer<FeedItem> toaster) {
        this.toaster = toaster;
    }

    public void show(String family, boolean on) {
        if (on) {
            families.add(family);
        } else {
            families.remove(family);
        }
    }

    private void refilter() {
        shown.setPredicate(item -> families.contains(item.family()) || !FAMILIES.contains(item.family()));
    }

    /** Events of the last minute, for the overview's rate. */
    @Override
    public int lastMinute(java.time.Instant now) {
        java.time.Instant since = now.minusSeconds(60);
        int n = 0;
        for (FeedItem i : feed) {
            if (i.at() == null || i.at().isBefore(since)) {
                break;
            }
            n++;
        }
        return n;
    }

    @Override
    public ObservableList<FeedItem> feed() {
        return feed;
    }

    public FilteredList<FeedItem> shown() {
        return shown;
    }

    public ObservableSet<String> families() {
        return families;
    }

    public ReadOnlyIntegerProperty unreadProperty() {
        return unread;
    }
}
