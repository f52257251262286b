package org.mcx.backend.partners;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.mcx.backend.store.StoreException;

/**
 * How a partner's security levels map to this system's, as {@code partners.security_levels} keeps
 * it: a JSON object of their name to ours (names may hold any identifier character, so no separator
 * would do). Read by the ACMS when a partner's users migrate here.
 */
public final class PartnerLevels {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PartnerLevels() {
    }

    static String store(Map<String, String> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new StoreException("a security level map could not be written", e);
        }
    }

    /** The stored map, or null when none is kept (levels are then taken by name). */
    public static Map<String, String> parse(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return JSON.readValue(stored, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored security level map is not JSON", e);
        }
    }
}
