package org.mcx.backend.identity;

import java.util.List;
import java.util.Optional;

/**
 * This system's security levels, lowest first (docs/acm.md): a user attribute. A partner's level is
 * taken as ours when the names are the same; anything else is refused for the user that carries it,
 * with why.
 */
public record SecurityLevels(List<String> names) {
    public static final SecurityLevels DEFAULT = new SecurityLevels(List.of("unclassified", "restricted", "confidential", "secret"));

    public SecurityLevels {
        names = List.copyOf(names);
        if (names.isEmpty() || names.size() > 16) {
            throw new IllegalArgumentException("between 1 and 16 security levels, lowest first");
        }
        if (new java.util.HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("a security level is named twice: " + names);
        }
        for (String n : names) {
            if (!n.matches("[a-z0-9][a-z0-9_-]{0,39}")) {
                throw new IllegalArgumentException("security level '" + n + "': lower-case letters, digits, - and _, at most 40");
            }
        }
    }

    public boolean contains(String level) {
        return names.contains(level);
    }

    /** Ours for the partner's {@code level}; empty if it has none here. A user without one gets none. */
    public Optional<String> fromPartner(String level) {
        return names.contains(level) ? Optional.of(level) : Optional.empty();
    }
}
