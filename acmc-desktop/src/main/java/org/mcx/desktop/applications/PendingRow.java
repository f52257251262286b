package org.mcx.desktop.applications;

import java.util.stream.Collectors;
import org.mcx.protocol.message.Console;

/** A pending authorization request with the application it is for: one row of the inbox. */
public record PendingRow(Console.Application application, Console.PendingAuthorization pending) {
    public String services() {
        return pending.serviceCapabilities().stream()
                .map(s -> s.serviceType() + " " + s.serviceInterface()).collect(Collectors.joining(", "));
    }

    public boolean matches(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        return application.name().toLowerCase(java.util.Locale.ROOT).contains(t)
                || application.applicationId().contains(t) || pending.mcServiceId().contains(t)
                || services().toLowerCase(java.util.Locale.ROOT).contains(t);
    }
}
