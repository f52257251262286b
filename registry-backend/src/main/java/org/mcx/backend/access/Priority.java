package org.mcx.backend.access;

import java.util.Locale;
import java.util.Optional;

/** Communication priority of R-5.18.2-003, from the {@code MC-Priority} header; absent means normal. */
public enum Priority {
    NORMAL("normal"),
    IMMINENT_PERIL("imminent-peril"),
    EMERGENCY("emergency");

    private final String header;

    Priority(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }

    /** The priority a header names, or empty for a value that names none. */
    public static Optional<Priority> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(NORMAL);
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (Priority p : values()) {
            if (p.header.equals(v)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
