package org.mcx.backend.registry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.mcx.backend.identity.UserDirectory;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Handlers;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.message.Csc15;
import org.mcx.protocol.message.Registration;
import org.mcx.protocol.model.ServiceCapability;
import org.mcx.protocol.model.ServiceLocation;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/**
 * Service registration with leases, discovery (CSC-14 getServiceInformation) and services.list.
 *
 * <p>Leases are soft state, held in memory only. A backend that restarts starts with an empty
 * registry, and every service, finding its heartbeat answered NOT_FOUND (or its connection gone),
 * registers again within one heartbeat interval: the services are the source of truth about where
 * they run, and a persisted table would only hold stale addresses after a crash. What is persisted is
 * the history: every registration, deregistration and expiry is an event (for consoles) and an audit
 * entry, written before the registering service gets its reply.
 *
 * <p>Time is a monotonic clock ({@link System#nanoTime} by default, injectable for tests): a lease
 * never expires because the wall clock jumped.
 */
public final class RegistryModule implements AutoCloseable {
    static final Duration SWEEP_INTERVAL = Duration.ofMillis(250);

    private final LongSupplier nanoClock;
    private final LeaseTable table = new LeaseTable();
        private final Registrar registrar;
    private final Discovery discovery;
    private final ServiceListing listing;
    private final LeaseSweeper sweeper;

    public RegistryModule(SystemContext ctx, UserDirectory users) {
        this(ctx, users, System::nanoTime, SWEEP_INTERVAL);
    }

    /** With a clock of nanoseconds; a null {@code sweepInterval} leaves sweeping to {@link #sweepNow()}. */
    public RegistryModule(SystemContext ctx, UserDirectory users, LongSupplier nanoClock, Duration sweepInterval) {
        this.nanoClock = nanoClock;
        RegistryEvents events = new RegistryEvents(ctx);
        this.registrar = new Registrar(ctx, table, events, nanoClock);
        this.discovery = new Discovery(table, users);
        this.listing = new ServiceListing(table, nanoClock, ctx.codec());
        this.sweeper = new LeaseSweeper(ctx, table, events, nanoClock);
        if (sweepInterval != null) {
            sweeper.start(sweepInterval);
        }
    }

    public void register(Handlers handlers) {
        handlers.on(MessageType.REGISTER_SERVICE, Registration.RegisterService.class, registrar::register)
                .on(MessageType.HEARTBEAT, Registration.Heartbeat.class, registrar::heartbeat)
                .on(MessageType.DEREGISTER_SERVICE, Registration.DeregisterService.class, registrar::deregister)
                .on(MessageType.GET_SERVICE_INFORMATION, Csc14.GetServiceInformation.class,
                        discovery::getServiceInformation)
                .on(MessageType.SERVICES_LIST, Console.ServicesList.class, listing::list);
    }

    /**
     * Live instances of a type and interface (every version), for the service access server to
     * forward to. Cheap enough to call per request: an immutable cached list, rebuilt after a
     * change or when its earliest lease deadline passes.
     */
    public List<Instance> liveInstances(ServiceType type, String serviceInterface) {
        return table.liveInstances(type, serviceInterface, nanoClock.getAsLong());
    }

    /** Where the live instances of one service are: the direct locations trusted-domain applications may get. */
    public List<ServiceLocation> liveLocations(ServiceRef service) {
        return liveInstances(service.serviceType(), service.serviceInterface()).stream()
                .map(i -> new ServiceLocation(i.scheme(), i.host(), i.port(), i.basePath()))
                .toList();
    }

    /** The live instances of one type and interface as a CSC-15 pool, for service access servers. */
    public Csc15.ServicePool pool(ServiceType type, String serviceInterface) {
        List<Csc15.ServiceEndpoint> endpoints = liveInstances(type, serviceInterface).stream()
                .map(i -> new Csc15.ServiceEndpoint(i.serviceId(), i.scheme(), i.host(), i.port(), i.basePath()))
                .toList();
        return new Csc15.ServicePool(type, serviceInterface, endpoints);
    }

    /** Every non-empty pool, for CSC-15 snapshots. */
    public List<Csc15.ServicePool> pools() {
        return table.catalog().all().stream()
                .map(c -> new CapabilityKey.RouteKey(c.serviceType(), c.serviceInterface()))
                .distinct()
                .map(k -> pool(k.serviceType(), k.serviceInterface()))
                .filter(p -> !p.instances().isEmpty())
                .toList();
    }

    /** Every capability currently offered, as discovery shows it (no locations), for other modules. */
    public List<ServiceCapability> capabilities() {
        return table.catalog().all();
    }

    /** Expires what is due now, without waiting for the next sweep; completes with the count expired. */
    public CompletableFuture<Integer> sweepNow() {
        return sweeper.sweep();
    }

    // Package-private entry points for tests that drive the registry without a connection.

    Registrar registrar() {
        return registrar;
    }

    Discovery discovery() {
        return discovery;
    }

    ServiceListing listing() {
        return listing;
    }

    LeaseTable table() {
        return table;
    }

    @Override
    public void close() {
        sweeper.close();
    }
}
