package org.mcx.backend.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.mcx.backend.transport.Call;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ServiceQuery;
import org.mcx.protocol.wire.Codec;

/**
 * {@code services.list} for the console: every live instance with everything about it (host, port,
 * lease, node, metadata), narrowed by the same criteria as discovery. Read from memory.
 */
final class ServiceListing {
    static final Comparator<Lease> ORDER = Comparator.comparing(Lease::key, CapabilityKey.ORDER)
            .thenComparing(Lease::serviceId)
            .thenComparing(Lease::nodeId);
    /** Below this many instances the answer surely fits in a message; above it, it is measured. */
    private static final int SURELY_FITS = 1000;

    private final LeaseTable table;
    private final LongSupplier nanoClock;
    private final Codec codec;

    ServiceListing(LeaseTable table, LongSupplier nanoClock, Codec codec) {
        this.table = table;
        this.nanoClock = nanoClock;
        this.codec = codec;
    }

    CompletableFuture<Console.Services> list(Call<Console.ServicesList> call) {
        try {
            Console.ServicesList in = call.body();
            return CompletableFuture.completedFuture(list(in.query(), in.limit(), in.offset()));
        } catch (ProtocolException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    Console.Services list(ServiceQuery query) {
        return list(query, null, null);
    }

    /** One page of the matching instances in a stable order; without a limit, all of them. */
    Console.Services list(ServiceQuery query, Integer limit, Integer offset) {
        ServiceFilter filter = new ServiceFilter(query);
        long now = nanoClock.getAsLong();
        List<Lease> matching = new ArrayList<>();
        for (Lease lease : table.all()) {
            if (lease.isLive(now) && filter.matches(lease.serviceType(), lease.serviceInterface(), lease.protocols(),
                    lease.key().version(), lease.searchText())) {
                matching.add(lease);
            }
        }
        matching.sort(ORDER);
        int from = Math.min(offset == null ? 0 : offset, matching.size());
        int to = limit == null ? matching.size() : (int) Math.min((long) from + limit, matching.size());
        List<Console.ServiceInstance> views = new ArrayList<>(to - from);
        for (Lease lease : matching.subList(from, to)) {
            views.add(lease.view());
        }
        Console.Services services = new Console.Services(views, matching.size());
        if (views.size() > SURELY_FITS) {
            refuseIfTooLarge(services);
        }
        return services;
    }

    /**
     * An answer beyond the message limit would make the console's client drop the connection, so it
     * is refused with advice instead: narrow the query or page with limit and offset.
     */
    private void refuseIfTooLarge(Console.Services services) {
        int size;
        try {
            size = codec.mapper().writeValueAsBytes(services).length;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode services.list", e);
        }
        if (size > codec.maxMessageBytes() - 1024) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, services.services().size()
                    + " instances match, more than one message holds; narrow the query or page with limit and offset",
                    "body.query");
        }
    }
}
