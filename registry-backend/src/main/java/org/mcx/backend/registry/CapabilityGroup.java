package org.mcx.backend.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.mcx.protocol.model.ServiceCapability;

/**
 * The instances behind one capability and what discovery shows of them: the union of their
 * protocols, and the description and capabilities of the newest registration (in a rolling
 * restart the newest instance is the one most likely to describe the deployed build). Maintained
 * incrementally so that adding one instance to a pool of thousands costs O(protocols), not O(n).
 * Not thread-safe: used under the {@link LeaseTable}'s lock.
 */
final class CapabilityGroup {
    static final String DESCRIPTION = "description";
    static final String CAPABILITIES = "capabilities";

    private final CapabilityKey key;
    private final Map<String, Lease> leases = new HashMap<>();
    private final Map<String, Integer> protocolCounts = new TreeMap<>();
    private Lease newest;

    CapabilityGroup(CapabilityKey key) {
        this.key = key;
    }

    void add(Lease lease) {
        leases.put(lease.leaseId(), lease);
        for (String p : lease.protocols()) {
            protocolCounts.merge(p, 1, Integer::sum);
        }
        if (newest == null || newer(lease, newest)) {
            newest = lease;
        }
    }

    void remove(Lease lease) {
        if (leases.remove(lease.leaseId()) == null) {
            return;
        }
        for (String p : lease.protocols()) {
            protocolCounts.computeIfPresent(p, (k, n) -> n == 1 ? null : n - 1);
        }
        if (newest == lease) {
            // Rare (the newest instance left): one scan to find the next newest.
            newest = null;
            for (Lease l : leases.values()) {
                if (newest == null || newer(l, newest)) {
                    newest = l;
                }
            }
        }
    }

    private static boolean newer(Lease a, Lease b) {
        return LeaseGrant.ORDER.compare(a.grant(), b.grant()) > 0;
    }

    boolean isEmpty() {
        return leases.isEmpty();
    }

    /** What applications see of this group; no host, port, id or count. */
    ServiceCapability capability() {
        Map<String, String> metadata = newest.metadata();
        return new ServiceCapability(key.serviceType(), key.serviceInterface(),
                List.copyOf(protocolCounts.keySet()), key.version(),
                metadata.getOrDefault(DESCRIPTION, ""), splitList(metadata.get(CAPABILITIES)));
    }

    /** {@code "a, b,,c"} becomes [a, b, c]: trimmed, without blanks or repeats, in the given order. */
    static List<String> splitList(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String part : csv.split(",")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                out.add(trimmed);
            }
        }
        return List.copyOf(new ArrayList<>(out));
    }
}
