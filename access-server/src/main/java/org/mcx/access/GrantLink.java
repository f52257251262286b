package org.mcx.access;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.LinkState;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Csc15;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's CSC-15 link to the registry: a snapshot after every (re)connection, then the
 * registry's pushes in order. While the link is down the grants may be stale, so they are
 * honoured for a short grace ({@code staleAfter}, the protocol's 2 s enforcement bound) and then
 * every request is refused until a fresh snapshot arrives.
 */
final class GrantLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GrantLink.class);

    private final Grants grants;
    private final ProtocolClient client;
    private final long staleAfterNanos;
    private volatile boolean synced;
    private volatile long lostAt;
    private final CompletableFuture<Void> firstSync = new CompletableFuture<>();

    /** @param registries every registry node's base URL: the link moves to the next when its node is lost */
    GrantLink(java.util.List<URI> registries, String nodeId, String secret, Grants grants, Duration staleAfter,
              javax.net.ssl.SSLContext ssl) {
        this.grants = grants;
        this.staleAfterNanos = staleAfter.toNanos();
        var builder = ProtocolClient.builder(registries, Endpoint.CSC15)
                .name("sas-" + nodeId)
                .authenticator(Authenticator.node(nodeId, secret))
                .retryFirstConnect(true)
                .handle(MessageType.UPDATE_APPLICATION_PROFILE, Csc15.UpdateApplicationProfile.class, u -> {
                    grants.apply(u);
                    return Common.ResultBody.success();
                })
                .handle(MessageType.UPDATE_USER_ACCESS, Csc15.UpdateUserAccess.class, u -> {
                    grants.apply(u);
                    return Common.ResultBody.success();
                })
                .handle(MessageType.UPDATE_SERVICE_INSTANCES, Csc15.UpdateServiceInstances.class, u -> {
                    grants.apply(u);
                    return Common.ResultBody.success();
                })
                .onState(status -> {
                    if (status.state() == LinkState.CONNECTED) {
                        resynchronise();
                    } else if (synced) {
                        synced = false;
                        lostAt = System.nanoTime();
                        log.warn("CSC-15 link lost ({}); grants honoured for {} ms more", status.reason(),
                                staleAfterNanos / 1_000_000);
                    }
                });
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        this.client = builder.build();
    }

    /** Connects; completes once the first snapshot is in. */
    CompletableFuture<Void> start() {
        client.connect().exceptionally(e -> {
            firstSync.completeExceptionally(e);
            return null;
        });
        return firstSync;
    }

    private void resynchronise() {
        SnapshotAssembly.fetch(page -> client.request(MessageType.CSC15_SNAPSHOT, new Csc15.SnapshotRequest(page),
                Csc15.Snapshot.class)).whenComplete((s, e) -> {
            if (e != null) {
                log.error("CSC-15 snapshot failed; will retry on the next connection", e);
                return;
            }
            grants.replace(s);
            synced = true;
            log.info("CSC-15 snapshot at seq {}: {} applications, {} users, {} service pools", s.seq(),
                    s.applications().size(), s.users().size(), s.services() == null ? 0 : s.services().size());
            firstSync.complete(null);
        });
    }

    /** Sends refusals and counters to the registry; fails at once while the link is down. */
    CompletableFuture<Common.Empty> report(Csc15.Report report) {
        return client.request(MessageType.CSC15_REPORT, report, Common.Empty.class);
    }

    /** Whether decisions may be taken now: in sync, or only just out of it. */
    boolean isFresh() {
        return synced || (lostAt != 0 && System.nanoTime() - lostAt < staleAfterNanos && grants.seq() >= 0);
    }

    @Override
    public void close() {
        client.close();
    }
}
