package org.mcx.desktop.profiles;

import java.util.Locale;
import org.mcx.desktop.common.Names;
import org.mcx.protocol.model.ApplicationProfile;

/**
 * A profile as the table shows it, with its application's name and its search text computed once:
 * filtering 100,000 rows per keystroke then costs one {@code contains} per row, no allocation.
 */
public record ProfileRow(ApplicationProfile profile, String application, String searchText) {

    public static ProfileRow of(ApplicationProfile p) {
        return of(p, null);
    }

    public static ProfileRow of(ApplicationProfile p, Names names) {
        String application = names == null ? p.applicationId() : names.application(p.applicationId());
        String text = String.join(" ", p.applicationProfileId() == null ? "" : p.applicationProfileId(),
                p.applicationId(), application, p.authorizedService().serviceType().name(), p.authorizedService().serviceInterface(),
                String.join(" ", p.serviceInterfaceDescription().capabilities()),
                p.updatedBy() == null ? "" : p.updatedBy());
        return new ProfileRow(p, application, text.toLowerCase(Locale.ROOT));
    }

    public String id() {
        return profile.applicationProfileId();
    }

    public String service() {
        return profile.authorizedService().serviceType() + " " + profile.authorizedService().serviceInterface();
    }

    public long version() {
        return profile.version() == null ? 0 : profile.version();
    }

    /** The table's filter for what was typed: null (everything) when blank. */
    public static java.util.function.Predicate<ProfileRow> filter(String typed) {
        String q = typed == null ? "" : typed.trim().toLowerCase(Locale.ROOT);
        return q.isEmpty() ? null : r -> r.matches(q);
    }

    /** {@code lowerCaseQuery} is already lower case and trimmed: done once per keystroke, not per row. */
    public boolean matches(String lowerCaseQuery) {
        return searchText.contains(lowerCaseQuery);
    }
}
