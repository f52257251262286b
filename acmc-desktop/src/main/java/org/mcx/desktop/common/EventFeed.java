package org.mcx.desktop.common;

import java.time.Instant;
import javafx.collections.ObservableList;

/**
 * The session's events as the console tells them, newest first. The notifications keep it; the
 * overview shows its latest lines and rate. The shell hands the one to the other, so neither
 * feature depends on the other.
 */
public interface EventFeed {
    /** Every event kept, newest first (read on the UI thread). */
    ObservableList<FeedItem> feed();

    /** How many events arrived in the minute before {@code now}. */
    int lastMinute(Instant now);
}
