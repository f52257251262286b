package org.mcx.desktop.identities;

import java.util.List;
import org.mcx.protocol.message.Acms;

/**
 * One server identity of this system: a default (no user, no group), a user's override, or one of
 * a group override's servers ({@code group} and its {@code members}).
 */
public record IdentityRow(String mcServiceId, Acms.ServerType serverType, String identity, String group,
                          List<String> members) {
    public IdentityRow(String mcServiceId, Acms.ServerType serverType, String identity) {
        this(mcServiceId, serverType, identity, null, List.of());
    }

    public boolean isDefault() {
        return mcServiceId == null && group == null;
    }

    public boolean isGroup() {
        return group != null;
    }
}
