package org.mcx.backend.registry;

import org.mcx.backend.BackendContext;
import org.mcx.backend.transport.Handlers;

/** Service registration with leases, discovery (CSC-14 getServiceInformation) and services.list. */
public final class RegistryModule implements AutoCloseable {
    private final BackendContext ctx;

    public RegistryModule(BackendContext ctx) {
        this.ctx = ctx;
    }

    public void register(Handlers handlers) {
    }

    @Override
    public void close() {
    }
}
