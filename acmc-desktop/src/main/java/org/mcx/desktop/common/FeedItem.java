package org.mcx.desktop.common;

import java.time.Instant;
import org.mcx.protocol.message.Common;

/** One line of the notification feed, with the event it tells of (to tell it again once names are known). */
public record FeedItem(long seq, Instant at, String topic, String text, boolean important, Common.Event event) {
    /** The topic's family ("profile" of "profile.updated"), what the filter chips select. */
    public String family() {
        int dot = topic.indexOf('.');
        return dot < 0 ? topic : topic.substring(0, dot);
    }

    /** The same event told in new words (once the names it mentions are known). */
    public FeedItem withText(String newText) {
        return new FeedItem(seq, at, topic, newText, important, event);
    }
}
