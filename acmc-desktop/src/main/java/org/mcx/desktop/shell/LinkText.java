package org.mcx.desktop.shell;

import org.mcx.desktop.common.I18n;
import org.mcx.protocol.client.LinkState;
import org.mcx.protocol.client.LinkStatus;

/** The status bar's words for the link's state. */
public final class LinkText {
    private final I18n i18n;

    public LinkText(I18n i18n) {
        this.i18n = i18n;
    }

    public String describe(LinkStatus status, String server, String user) {
        if (status == null) {
            return i18n.get("link.CLOSED", server);
        }
        LinkState state = status.state();
        if (state == LinkState.CONNECTED) {
            return i18n.get("link.CONNECTED", server, user);
        }
        if (state == LinkState.RECONNECTING) {
            long seconds = status.retryIn() == null ? 0 : Math.max(1, (status.retryIn().toMillis() + 999) / 1000);
            return i18n.get("link.RECONNECTING", server, seconds);
        }
        return i18n.get("link." + state.name(), server);
    }
}
