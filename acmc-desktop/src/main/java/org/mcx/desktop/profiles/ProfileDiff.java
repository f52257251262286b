package org.mcx.desktop.profiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mcx.protocol.model.ApplicationProfile;

/** What changes between two versions of a profile, field by field, for the "review before saving" step. */
public final class ProfileDiff {
    public record Change(String field, String before, String after) {
    }

    private ProfileDiff() {
    }

    public static List<Change> between(ApplicationProfile before, ApplicationProfile after) {
        List<Change> changes = new ArrayList<>();
        add(changes, "serviceType", before == null ? null : before.authorizedService().serviceType().name(),
                after.authorizedService().serviceType().name());
        add(changes, "interface", before == null ? null : before.authorizedService().serviceInterface(),
                after.authorizedService().serviceInterface());
        add(changes, "protocols", before == null ? null : join(before.serviceInterfaceDescription().protocols()),
                join(after.serviceInterfaceDescription().protocols()));
        add(changes, "capabilities", before == null ? null : join(before.serviceInterfaceDescription().capabilities()),
                join(after.serviceInterfaceDescription().capabilities()));
        add(changes, "messages", before == null ? null : join(before.serviceInterfaceDescription().messages()),
                join(after.serviceInterfaceDescription().messages()));
        return changes;
    }

    private static void add(List<Change> changes, String field, String before, String after) {
        if (!Objects.equals(before == null ? "" : before, after == null ? "" : after)) {
            changes.add(new Change(field, before == null ? "" : before, after == null ? "" : after));
        }
    }

    private static String join(List<String> values) {
        return String.join(", ", values);
    }
}
