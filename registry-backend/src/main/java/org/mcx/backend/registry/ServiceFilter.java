package org.mcx.backend.registry;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.mcx.protocol.model.ServiceQuery;
import org.mcx.protocol.model.ServiceType;

/**
 * The query criteria of getServiceInformation and services.list, applied the same way to both:
 * {@code serviceType}, {@code interface} and {@code version} match exactly; {@code protocol} must be
 * one of the protocols (ignoring case: "http" finds "HTTP"); {@code text} is a case-insensitive
 * substring of the description, a capability or the interface.
 */
final class ServiceFilter {
    /** Separates fields in search text; a control character, which no field nor query may contain. */
    private static final char SEPARATOR = '\u0000';

    private final ServiceQuery query;
    private final String text;

    ServiceFilter(ServiceQuery query) {
        this.query = query;
        this.text = query.text() == null ? null : lower(query.text());
    }

    /** Whether services of this type can match at all; lets discovery skip whole types. */
    boolean admits(ServiceType type) {
        return query.serviceType() == null || query.serviceType() == type;
    }

    boolean matches(ServiceType type, String serviceInterface, Collection<String> protocols, String version,
                    String searchText) {
        return admits(type)
                && (query.serviceInterface() == null || query.serviceInterface().equals(serviceInterface))
                && (query.version() == null || query.version().equals(version))
                && (query.protocol() == null || containsIgnoringCase(protocols, query.protocol()))
                && (text == null || searchText.contains(text));
    }

    /** The lower-cased text the {@code text} criterion searches; computed once per capability. */
    static String searchText(String description, List<String> capabilities, String serviceInterface) {
        StringBuilder sb = new StringBuilder(lower(description)).append(SEPARATOR);
        for (String c : capabilities) {
            sb.append(lower(c)).append(SEPARATOR);
        }
        return sb.append(lower(serviceInterface)).toString();
    }

    private static boolean containsIgnoringCase(Collection<String> values, String wanted) {
        for (String v : values) {
            if (v.equalsIgnoreCase(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
