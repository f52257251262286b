package org.mcx.desktop.notifications;

import java.time.Instant;

/** One line of the notification feed. */
public record FeedItem(long seq, Instant at, String topic, String text, boolean important) {
    /** The topic's family ("profile" of "profile.updated"), what the filter chips select. */
    public String family() {
        int dot = topic.indexOf('.');
        return dot < 0 ? topic : topic.substring(0, dot);
    }
}
