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
 * Service registration with leases, discovery (CSC-14 getServiceInformation) and services.list,
 * on one backend node of the system or several sharing one database.
 *
 * <p>A lease is a row of {@code service_leases}, granted and ended in the transaction of its event;
 * every node keeps every lease in memory ({@link Leases}), following the event log, and answers
 * discovery, routing and heartbeats from there without touching the database. Heartbeats are
 * written in batches ({@link RenewalSync}); expiry is the database's to decide, once
 * ({@link LeaseSweeper}). A backend that restarts finds the leases where they were: services that
 * still heartbeat go on, and those that stopped while it was down expire.
 *
 * <p>Time in memory is a monotonic clock ({@link System#nanoTime} by default, injectable for
 * tests): a lease never expires here because the wall clock jumped.
 */
public final class RegistryModule implements AutoCloseable {
    static final Duration SWEEP_INTERVAL = Duration.ofMillis(250);

    private final Leases leases;
    private final LeaseTable table;
    private final LeaseClock clock;
    private final Registrar registrar;
    private final Discovery discovery;
    private final ServiceListing listing;
    private final LeaseSweeper sweeper;
    private final RenewalSync renewals;

    /** With leases of its own: for a backend where nothing else follows the event log before the registry. */
    public RegistryModule(SystemContext ctx, UserDirectory users) {
        this(ctx, Leases.follow(ctx), users);
    }

    /** On {@code leases}, made before anything else subscribed to the event bus; this module closes them. */
    public RegistryModule(SystemContext ctx, Leases leases, UserDirectory users) {
        this(ctx, leases, users, SWEEP_INTERVAL, RenewalSync.INTERVAL);
    }

    /**
     * With a clock of nanoseconds (wall time moves with it); a null {@code sweepInterval} leaves
     * sweeping, writing and reading renewals to {@link #sweepNow()}, {@link #flushNow()} and
     * {@link #catchUpNow()}.
     */
    public RegistryModule(SystemContext ctx, UserDirectory users, LongSupplier nanoClock, Duration sweepInterval) {
        this(ctx, new Leases(ctx, LeaseClock.following(nanoClock)), users, sweepInterval,
                sweepInterval == null ? null : RenewalSync.INTERVAL);
    }

    private RegistryModule(SystemContext ctx, Leases leases, UserDirectory users, Duration sweepInterval,
                           Duration renewalInterval) {
        this.leases = leases;
        this.table = leases.table();
        this.clock = leases.clock();
        this.renewals = new RenewalSync(ctx, table, leases.rows(), clock);
        this.registrar = new Registrar(ctx, leases, leases.events(), renewals);
        this.discovery = new Discovery(table, users);
        this.listing = new ServiceListing(table, clock::nanos, ctx.codec());
        this.sweeper = new LeaseSweeper(ctx, table, leases.rows(), leases.events(), clock);
        if (sweepInterval != null) {
            sweeper.start(sweepInterval);
        }
        if (renewalInterval != null) {
            renewals.start(renewalInterval);
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
        return table.liveInstances(type, serviceInterface, clock.nanos());
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

    /** Writes the deadlines renewed here since the last flush, without waiting; completes with the rows moved. */
    CompletableFuture<Integer> flushNow() {
        return renewals.flush();
    }

    /** Adopts the deadlines other nodes wrote for leases near theirs here; completes with how many moved. */
    CompletableFuture<Integer> catchUpNow() {
        return renewals.catchUp();
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

    Leases leases() {
        return leases;
    }

    /** Stops sweeping, writes the renewals taken here (other nodes must not expire them for a clean stop), stops following. */
    @Override
    public void close() {
        sweeper.close();
        renewals.close();
        leases.close();
    }
}
