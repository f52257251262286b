package org.mcx.backend.registry;

import org.mcx.backend.identity.UserDirectory;
import java.util.concurrent.CompletableFuture;
import org.mcx.backend.transport.Call;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.model.ServiceQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code getServiceInformation} (CSC-14, tables 10.X.2.1-1 and 10.X.2.2-1): the capabilities the
 * named MC service user may reach from external applications, narrowed by the query.
 *
 * <p>Topology hiding: the answer is built only from the {@link Catalog}, which holds no host, port,
 * lease id, service id or instance count. The hot path touches no database and takes no lock once
 * the user's access is cached: a map lookup, a walk over a few precomputed capabilities, done.
 */
final class Discovery {
    private static final Logger log = LoggerFactory.getLogger(Discovery.class);
    /** One answer for unknown users and users without external access, so ids cannot be probed. */
    static final String NOT_ALLOWED = "this MC service user may not use external applications";

    private final LeaseTable table;
    private final UserDirectory users;

    Discovery(LeaseTable table, UserDirectory users) {
        this.table = table;
        this.users = users;
    }

    CompletableFuture<Csc14.ServiceInformation> getServiceInformation(Call<Csc14.GetServiceInformation> call) {
        return find(call.actor(), call.body().mcServiceId(), call.body().query());
    }

    CompletableFuture<Csc14.ServiceInformation> find(String actor, String mcServiceId, ServiceQuery query) {
        return users.access(mcServiceId).thenApply(access -> {
            if (!access.externalAccessAllowed()) {
                log.debug("{} asked for services of {}, who has no external access", actor, mcServiceId);
                throw ProtocolException.forbidden(NOT_ALLOWED);
            }
            return new Csc14.ServiceInformation(Common.Result.SUCCESS,
                    table.catalog().find(access.allowedServices(), new ServiceFilter(query)));
        });
    }
}
