package org.mcx.samples;

/**
 * What a {@link ServiceRegistrar} does with its lease, for the console's demo view and for tests.
 * Called on the registrar's scheduler thread: keep it short.
 */
public interface RegistrationListener {
    RegistrationListener NONE = new RegistrationListener() {
    };

    /** A lease was granted: the first registration, or a new one after a reconnect or a lost lease. */
    default void registered(String serviceId, String leaseId) {
    }

    /** A heartbeat renewed the lease. */
    default void renewed(String serviceId, String leaseId) {
    }

    /** The lease was given back on stop. */
    default void deregistered(String serviceId, String leaseId) {
    }

    /** Something went wrong that the registrar will retry (or, for refused credentials, cannot). */
    default void failed(String serviceId, String message) {
    }
}
