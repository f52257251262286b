package org.mcx.protocol.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Optional;

/**
 * Communication priority of R-5.18.2-003, lowest first: carried by the {@code MC-Priority} header
 * of a request through the service access server, and the most a user may claim ({@code maxPriority}).
 */
public enum Priority {
    @JsonProperty("normal") NORMAL("normal"),
    @JsonProperty("imminent-peril") IMMINENT_PERIL("imminent-peril"),
    @JsonProperty("emergency") EMERGENCY("emergency");

    private final String wireName;

    Priority(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire and in the {@code MC-Priority} header. */
    public String wireName() {
        return wireName;
    }

    /** This priority, or {@code max} when this one is above it. */
    public Priority atMost(Priority max) {
        return compareTo(max) > 0 ? max : this;
    }

    /** The priority a header names (absent or blank = normal), or empty for a value that names none. */
    public static Optional<Priority> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(NORMAL);
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (Priority p : values()) {
            if (p.wireName.equals(v)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
