package org.mcx.desktop.applications;

import java.util.Locale;
import java.util.stream.Collectors;
import org.mcx.desktop.common.I18n;
import org.mcx.protocol.message.Console;

/** A pending authorization request with the application it is for: one row of the inbox. */
public record PendingRow(Console.Application application, Console.PendingAuthorization pending) {
    public String services() {
        return pending.serviceCapabilities().stream()
                .map(s -> s.serviceType() + " " + s.serviceInterface()).collect(Collectors.joining(", "));
    }

    public String servicesOnePerLine() {
        return pending.serviceCapabilities().stream()
                .map(s -> s.serviceType() + " " + s.serviceInterface()).collect(Collectors.joining("\n"));
    }

    static String requestType(PendingRow row, I18n i18n) {
        return row.pending().requestType() == null ? "" : i18n.get("applications.requestType." + row.pending().requestType().name());
    }

    public boolean matches(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return application.name().toLowerCase(Locale.ROOT).contains(t)
                || application.applicationId().contains(t) || pending.mcServiceId().contains(t)
                || services().toLowerCase(Locale.ROOT).contains(t);
    }
}
