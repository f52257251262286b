package org.mcx.desktop.partners;

import org.mcx.desktop.common.I18n;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Exchange;

/** A request's kind and urgency in words; a request listed without a kind is a server identity one. */
final class RequestKinds {
    static final String SERVER_IDENTITY = "serverIdentity";

    private RequestKinds() {
    }

    static String kind(Exchange.Request r) {
        return r == null || r.kind() == null ? SERVER_IDENTITY : r.kind();
    }

    /** "Server identities", "Users sent for migration", …; an unknown kind by its wire name. */
    static String name(Exchange.Request r, I18n i18n) {
        String key = "kind." + kind(r);
        return i18n.has(key) ? i18n.get(key) : kind(r);
    }

    static boolean urgent(Exchange.Request r) {
        return r != null && Acm.Urgency.orNormal(r.urgency()) == Acm.Urgency.URGENT;
    }
}
