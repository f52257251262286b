package org.mcx.backend.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.mcx.protocol.model.ServiceCapability;
import org.mcx.protocol.model.ServiceType;

/**
 * An immutable snapshot of every capability discovery can show, grouped by service type and sorted
 * by interface and version, with each capability's search text prepared. Rebuilt by the
 * {@link LeaseTable} only when what applications would see changes (a capability appears or goes,
 * its protocols or description change); heartbeats and extra instances of a known capability leave
 * it alone. Discovery reads it without locks.
 */
final class Catalog {
    static final Catalog EMPTY = new Catalog(new EnumMap<>(ServiceType.class));

    private final Map<ServiceType, List<Entry>> byType;

    private Catalog(Map<ServiceType, List<Entry>> byType) {
        this.byType = byType;
    }

    /** Builds a catalog from the capabilities of every group; {@code capabilities} in any order. */
    static Catalog of(Collection<ServiceCapability> capabilities) {
        List<ServiceCapability> sorted = new ArrayList<>(capabilities);
        sorted.sort(java.util.Comparator.comparing((ServiceCapability c) ->
                new CapabilityKey(c.serviceType(), c.serviceInterface(), c.version()), CapabilityKey.ORDER));
        Map<ServiceType, List<Entry>> byType = new EnumMap<>(ServiceType.class);
        for (ServiceCapability c : sorted) {
            byType.computeIfAbsent(c.serviceType(), t -> new ArrayList<>())
                    .add(new Entry(c, ServiceFilter.searchText(c.description(), c.capabilities(), c.serviceInterface())));
        }
        byType.replaceAll((t, list) -> List.copyOf(list));
        return new Catalog(byType);
    }

    /** The capabilities of the allowed types that match the filter, in catalog order. */
    List<ServiceCapability> find(Collection<ServiceType> allowed, ServiceFilter filter) {
        List<ServiceCapability> out = new ArrayList<>();
        for (ServiceType type : ServiceType.values()) {
            if (!allowed.contains(type) || !filter.admits(type)) {
                continue;
            }
            for (Entry e : byType.getOrDefault(type, List.of())) {
                ServiceCapability c = e.capability;
                if (filter.matches(type, c.serviceInterface(), c.protocols(), c.version(), e.searchText)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** Every capability, for the registry's own callers (never filtered by a user). */
    List<ServiceCapability> all() {
        List<ServiceCapability> out = new ArrayList<>();
        byType.values().forEach(list -> list.forEach(e -> out.add(e.capability)));
        return out;
    }

    private record Entry(ServiceCapability capability, String searchText) {
    }
}
