package org.mcx.backend.registry;

import java.util.Comparator;
import org.mcx.protocol.model.ServiceType;

/**
 * What makes instances one capability to applications: the same type, interface and version.
 * Instances that differ only in where they run are one entry in discovery.
 */
record CapabilityKey(ServiceType serviceType, String serviceInterface, String version) {
    static final Comparator<CapabilityKey> ORDER = Comparator.comparing(CapabilityKey::serviceType)
            .thenComparing(CapabilityKey::serviceInterface)
            .thenComparing(CapabilityKey::version);

    @Override
    public String toString() {
        return serviceType + "/" + serviceInterface + " " + version;
    }

    RouteKey route() {
        return new RouteKey(serviceType, serviceInterface);
    }

    /** What the service access server routes by: one pool per type and interface, all versions. */
    record RouteKey(ServiceType serviceType, String serviceInterface) {
    }
}
