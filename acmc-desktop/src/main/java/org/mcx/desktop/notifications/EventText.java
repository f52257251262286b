package org.mcx.desktop.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Names;
import org.mcx.protocol.message.Common;

/**
 * An event in one line of plain words: the bundle's {@code event.<topic>} pattern filled from the
 * event's data, applications and partners by their names (ids only until the names are known),
 * without request UUIDs, which mean nothing to a person.
 */
public final class EventText {
    /** Which data fields fill {0}, {1}, ... of each topic's pattern. */
    private static final Map<String, List<String>> FIELDS = Map.ofEntries(
            Map.entry("service.registered", List.of("serviceId", "serviceType", "interface")),
            Map.entry("service.deregistered", List.of("serviceId", "serviceType", "interface")),
            Map.entry("service.expired", List.of("serviceId", "serviceType", "interface")),
            Map.entry("application.created", List.of("applicationId")),
            Map.entry("application.authorizationRequested", List.of("applicationId", "mcServiceId")),
            Map.entry("application.authorizationDecided", List.of("applicationId", "mcServiceId", "decision")),
            Map.entry("profile.updated", List.of("applicationProfileId", "applicationId", "version")),
            Map.entry("profile.deleted", List.of("applicationProfileId", "applicationId")),
            Map.entry("user.saved", List.of("mcServiceId")),
            Map.entry("user.deleted", List.of("mcServiceId")),
            Map.entry("user.locked", List.of("mcServiceId", "lockedUntil")),
            Map.entry("group.saved", List.of("groupId")),
            Map.entry("group.deleted", List.of("groupId")),
            Map.entry("partner.connected", List.of("partnerSystemId")),
            Map.entry("partner.disconnected", List.of("partnerSystemId")),
            Map.entry("serverIdentity.created", List.of("partnerSystemId")),
            Map.entry("serverIdentity.stored", List.of("partnerSystemId")),
            Map.entry("serverIdentity.pending", List.of("partnerSystemId")),
            Map.entry("serverIdentity.decided", List.of("partnerSystemId", "decision")),
            Map.entry("serverIdentity.responseStored", List.of("partnerSystemId", "decision")),
            Map.entry("serverIdentity.failed", List.of("partnerSystemId")),
            Map.entry("serverIdentity.cancelled", List.of("partnerSystemId")),
            Map.entry("access.denied", List.of("count", "reason", "applicationId")));

    /** The exchange kinds beyond server identities (docs/acm.md): their events carry the same data. */
    private static final List<String> EXCHANGE_KINDS = List.of("userMigration.add", "userMigration.remove",
            "groups.request", "groupMembership.update");

    /** Which data fields fill an exchange event's pattern, by its last part ("pending", "decided", …). */
    private static final Map<String, List<String>> EXCHANGE_FIELDS = Map.of(
            "created", List.of("partnerSystemId"), "stored", List.of("partnerSystemId"), "pending", List.of("partnerSystemId"),
            "decided", List.of("partnerSystemId", "decision"), "responseStored", List.of("partnerSystemId", "decision"),
            "failed", List.of("partnerSystemId"), "cancelled", List.of("partnerSystemId"));

    private final I18n i18n;
    private final Names names;

    public EventText(I18n i18n, Names names) {
        this.i18n = i18n;
        this.names = names;
    }

    public EventText(I18n i18n) {
        this(i18n, null);
    }

    public String describe(Common.Event event) {
        List<String> fields = fields(event.topic());
        String key = "event." + event.topic();
        if (fields == null || !i18n.has(key)) {
            return event.topic() + " " + (event.data() == null ? "" : event.data().toString());
        }
        Object[] args = fields.stream().map(f -> text(event.data(), f)).toArray();
        return i18n.get(key, args);
    }

    private static List<String> fields(String topic) {
        List<String> fields = FIELDS.get(topic);
        if (fields != null) {
            return fields;
        }
        for (String kind : EXCHANGE_KINDS) {
            if (topic.startsWith(kind + ".")) {
                return EXCHANGE_FIELDS.get(topic.substring(kind.length() + 1));
            }
        }
        return null;
    }

    private String text(JsonNode data, String field) {
        if (data == null || !data.hasNonNull(field)) {
            return field.equals("applicationId") || field.equals("decision") ? "" : "?";
        }
        String value = data.get(field).asText();
        return switch (field) {
            case "applicationId" -> names == null ? value : names.application(value);
            case "partnerSystemId" -> names == null ? value : names.partner(value);
            case "decision" -> i18n.has("decision." + value) ? i18n.get("decision." + value) : value;
            default -> value;
        };
    }
}
