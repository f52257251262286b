package org.mcx.desktop.partners;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mcx.protocol.Check;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Exchange;

/**
 * What the migration dialogs compose, without the toolkit: the request's content from the users
 * chosen and the text typed, checked by the protocol's own records (the rules the backend applies)
 * so a mistake is named before anything is sent; and the users a partner already holds from us.
 */
final class MigrationDraft {
    private MigrationDraft() {
    }

    /** "fire-east, rescue" → [fire-east, rescue]; blanks and repeats dropped. */
    static List<String> commaList(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return List.copyOf(out);
    }

    /**
     * {@code userMigration.add} for the users chosen, each with the groups typed for them. Only ids
     * and groups go: the backend sends what it holds of each user. Throws with the user named.
     */
    static Acm.UserMigration adding(List<String> users, Map<String, String> groupsText) {
        List<Acm.MigratingUser> out = new ArrayList<>(users.size());
        for (String id : users) {
            List<String> groups = commaList(groupsText.get(id));
            for (String g : groups) {
                try {
                    Check.id(g, "groups");
                } catch (ProtocolException e) {
                    throw ProtocolException.badRequest("groups of " + id, "\"" + g + "\" " + e.getMessage());
                }
            }
            out.add(new Acm.MigratingUser(id, null, groups, null, null));
        }
        return new Acm.UserMigration(out);
    }

    /** {@code userMigration.remove} for the users chosen and the other ids typed, each once. */
    static Acm.UserRemoval removing(List<String> chosen, String otherIds) {
        Set<String> all = new LinkedHashSet<>(chosen);
        for (String id : commaList(otherIds)) {
            try {
                Check.id(id, "users");
            } catch (ProtocolException e) {
                throw ProtocolException.badRequest("other ids", "\"" + id + "\" " + e.getMessage());
            }
            all.add(id);
        }
        return new Acm.UserRemoval(List.copyOf(all));
    }

    /**
     * The users {@code partnerSystemId} holds as migrated from us, as far as this system's answers
     * say: created or updated by a migration, and not removed since (requests taken oldest first).
     */
    static List<String> heldBy(String partnerSystemId, List<Exchange.Request> outgoing) {
        Set<String> held = new LinkedHashSet<>();
        outgoing.stream()
                .filter(r -> partnerSystemId.equals(r.partnerSystemId()) && r.response() != null && r.response().result() != null)
                .sorted(java.util.Comparator.comparing(Exchange.Request::createdAt, java.util.Comparator.nullsFirst(
                        java.util.Comparator.naturalOrder())))
                .forEach(r -> {
                    if (r.response().result() instanceof Acm.MigrationOutcomes m) {
                        m.users().stream().filter(u -> u.outcome() == Acm.Outcome.CREATED || u.outcome() == Acm.Outcome.UPDATED)
                                .forEach(u -> held.add(u.mcServiceId()));
                    } else if (r.response().result() instanceof Acm.RemovalOutcomes o) {
                        o.users().stream().filter(u -> u.outcome() == Acm.Outcome.REMOVED || u.outcome() == Acm.Outcome.NOT_FOUND)
                                .forEach(u -> held.remove(u.mcServiceId()));
                    }
                });
        return List.copyOf(held);
    }
}
