package org.mcx.backend.acms;

import java.util.List;
import java.util.Optional;

/**
 * This system's security levels, lowest first (docs/acm.md). A partner's level is taken as ours
 * when the names are the same; anything else is refused for the user that carries it, with why.
 */
record SecurityLevels(List<String> names) {
    static final SecurityLevels DEFAULT = new SecurityLevels(List.of("unclassified", "restricted", "confidential", "secret"));

    SecurityLevels {
        names = List.copyOf(names);
    }

    /** Ours for the partner's {@code level}; empty if it has none here. A user without one gets none. */
    Optional<String> fromPartner(String level) {
        return names.contains(level) ? Optional.of(level) : Optional.empty();
    }
}
