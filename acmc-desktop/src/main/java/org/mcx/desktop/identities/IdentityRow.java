package org.mcx.desktop.identities;

import org.mcx.protocol.message.Acms;

/** One server identity of this system: a default (user null) or a user's override. */
public record IdentityRow(String mcServiceId, Acms.ServerType serverType, String identity) {
    public boolean isDefault() {
        return mcServiceId == null;
    }
}
