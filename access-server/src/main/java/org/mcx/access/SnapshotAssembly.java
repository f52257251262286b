package org.mcx.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.mcx.protocol.message.Csc15;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.model.UserAccess;

/**
 * Fetches every page of one CSC-15 snapshot, in order, and joins them into one: nothing is applied
 * until the last page is in, so the node never serves from half a snapshot.
 */
final class SnapshotAssembly {
    private record PoolKey(ServiceType type, String serviceInterface) {
    }

    private final List<Csc15.ApplicationGrants> applications = new ArrayList<>();
    private final List<UserAccess> users = new ArrayList<>();
    private final Map<PoolKey, List<Csc15.ServiceEndpoint>> pools = new LinkedHashMap<>();
    private String tokenKey;

    private SnapshotAssembly() {
    }

    static CompletableFuture<Csc15.Snapshot> fetch(IntFunction<CompletableFuture<Csc15.Snapshot>> page) {
        return new SnapshotAssembly().from(0, page);
    }

    private CompletableFuture<Csc15.Snapshot> from(int n, IntFunction<CompletableFuture<Csc15.Snapshot>> page) {
        return page.apply(n).thenCompose(part -> {
            add(part);
            return part.last() ? CompletableFuture.completedFuture(whole(part.seq())) : from(n + 1, page);
        });
    }

    private void add(Csc15.Snapshot part) {
        applications.addAll(part.applications());
        users.addAll(part.users());
        if (part.tokenKey() != null) {
            tokenKey = part.tokenKey();
        }
        if (part.services() != null) {
            for (Csc15.ServicePool pool : part.services()) {
                pools.computeIfAbsent(new PoolKey(pool.serviceType(), pool.serviceInterface()), k -> new ArrayList<>())
                        .addAll(pool.instances());
            }
        }
    }

    private Csc15.Snapshot whole(long seq) {
        List<Csc15.ServicePool> services = new ArrayList<>();
        pools.forEach((k, instances) -> services.add(new Csc15.ServicePool(k.type(), k.serviceInterface(), instances)));
        return new Csc15.Snapshot(applications, users, seq, tokenKey, services, 0, 1);
    }
}
