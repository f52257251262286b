package org.mcx.backend.csc15;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.sql.SQLException;
import org.mcx.backend.events.EventLog;
import org.mcx.backend.store.Tx;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.Handlers;
import org.mcx.backend.transport.PeerSession;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Csc15;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.model.UserAccess;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSC-15: service access server nodes take a snapshot, then receive every later change, in commit
 * order, each stamped with its event's {@code seq} (10.X.3 steps 6 and 7).
 *
 * <p>Every node on the database does this for the nodes connected to it. A change is recorded as
 * an event (an {@link EventLog#INTERNAL} one for users and profiles); each node pushes it when the
 * event is published there, so every service access server hears of every change, in the log's
 * order, whichever node made it. A snapshot is read in one transaction at event {@code seq}; the
 * node is registered for pushes before that read and keeps only those after {@code seq}, so it
 * gets every later change exactly once.
 */
public final class Csc15Module implements GrantFeed {
    /** A user's access changed: every node pushes it to its service access servers. */
    static final String USER_ACCESS = EventLog.INTERNAL + "userAccess";
    /** An application's profiles changed: likewise. */
    static final String APPLICATION_PROFILES = EventLog.INTERNAL + "applicationProfiles";
    private static final long SNAPSHOT_WAIT_MILLIS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(Csc15Module.class);

    private final SystemContext ctx;
    private final GrantSource source;
    private final Map<PeerSession, NodeFeed> nodes = new ConcurrentHashMap<>();
    private final AccessReports reports;
    /** Snapshots whose later pages a node has yet to fetch, by connection. */
    private final Map<PeerSession, Paged> paged = new ConcurrentHashMap<>();

    private record Paged(List<Csc15.Snapshot> pages, NodeFeed feed) {
    }

    /** The database's part of a snapshot, read in one transaction at event {@code seq}. */
    private record Stored(long seq, List<Csc15.ApplicationGrants> applications, List<UserAccess> users) {
    }

    public Csc15Module(SystemContext ctx, GrantSource source) {
        this.ctx = ctx;
        this.source = source;
        this.reports = new AccessReports(ctx);
        // Pools change with registrations, deregistrations and expiries: the registry publishes an
        // event for each, on the writer thread, after its table changed; push the whole pool then.
        ctx.events().bus().subscribe(published -> {
            Common.Event e = published.event();
            if (e.data() == null) {
                return;
            }
            if (e.topic().startsWith("service.")) {
                poolChanged(e);
            } else if (e.topic().equals(USER_ACCESS)) {
                Csc15.UpdateUserAccess u = ctx.codec().decode(e.data(), Csc15.UpdateUserAccess.class);
                pushAll(new NodeFeed.Push(MessageType.UPDATE_USER_ACCESS, new Csc15.UpdateUserAccess(u.mcServiceId(),
                        u.externalAccessAllowed(), u.allowedServices(), u.tokensRevokedBefore(), u.maxPriority(), e.seq()),
                        e.seq()));
            } else if (e.topic().equals(APPLICATION_PROFILES)) {
                Csc15.UpdateApplicationProfile recorded = ctx.codec().decode(e.data(), Csc15.UpdateApplicationProfile.class);
                pushAll(new NodeFeed.Push(MessageType.UPDATE_APPLICATION_PROFILE, new Csc15.UpdateApplicationProfile(
                        recorded.applicationId(), recorded.applicationProfiles(), e.seq()), e.seq()));
            }
        });
    }

    private void poolChanged(Common.Event e) {
        ServiceType type;
        try {
            type = ServiceType.valueOf(e.data().path("serviceType").asText());
        } catch (IllegalArgumentException bad) {
            log.warn("event {} ({}) names no service type; pool not pushed", e.seq(), e.topic(), bad);
            return;
        }
        Csc15.ServicePool pool = source.pool(type, e.data().path("interface").asText());
        Csc15.UpdateServiceInstances body = new Csc15.UpdateServiceInstances(pool.serviceType(),
                pool.serviceInterface(), pool.instances(), e.seq());
        pushAll(new NodeFeed.Push(MessageType.UPDATE_SERVICE_INSTANCES, body, e.seq()));
    }

    public void register(Handlers handlers) {
        handlers.on(MessageType.CSC15_SNAPSHOT, Csc15.SnapshotRequest.class, this::snapshot)
                .on(MessageType.CSC15_REPORT, Csc15.Report.class, reports::report)
                .on(MessageType.ACCESS_STATS, Common.Empty.class, reports::stats);
    }

    private CompletableFuture<Csc15.Snapshot> snapshot(Call<Csc15.SnapshotRequest> call) {
        int page = call.body().page();
        return page == 0 ? firstPage(call) : CompletableFuture.completedFuture(nextPage(call, page));
    }

    private CompletableFuture<Csc15.Snapshot> firstPage(Call<Csc15.SnapshotRequest> call) {
        PeerSession session = call.session();
        reports.nodeConnected(call);
        NodeFeed feed = new NodeFeed(session, ctx.codec());
        // Held from here on, then trimmed to what follows the snapshot: nothing falls in between.
        ctx.events().atPublishedPoint(seq -> nodes.put(session, feed));
        session.onClose(() -> {
            nodes.remove(session, feed);
            paged.remove(session);
        });
        return ctx.db().readConsistent(c -> new Stored(EventLog.committedSeq(c), source.applications(c), source.users(c)))
                .thenApplyAsync(stored -> {
                    try {
                        // The registry's pools are in memory, fed by the log: read them once it caught up.
                        return ctx.events().afterPublishing(stored.seq(), SNAPSHOT_WAIT_MILLIS, published -> {
                            feed.startAfter(stored.seq());
                            return new Csc15.Snapshot(stored.applications(), stored.users(), stored.seq(),
                                    source.tokenKey(), source.services(), 0, 1);
                        });
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for the event log", e);
                    }
                    // Not the common pool: this may wait for the log, and that pool has one thread on two cores.
                }, ctx.cpu()).thenApply(whole -> {
            // Paged off the writer thread: encoding every item to measure it is not the writer's work.
            List<Csc15.Snapshot> pages = SnapshotPages.split(whole, ctx.codec().mapper(), pageBudget());
            log.info("{} took a snapshot at seq {}: {} applications, {} users, {} page(s)", session.describe(),
                    whole.seq(), whole.applications().size(), whole.users().size(), pages.size());
            if (pages.size() == 1) {
                paged.remove(session);
                call.afterReply().add(feed::goLive);
            } else {
                paged.put(session, new Paged(pages, feed));
            }
            return pages.get(0);
        });
    }

    private Csc15.Snapshot nextPage(Call<Csc15.SnapshotRequest> call, int page) {
        Paged snapshot = paged.get(call.session());
        if (snapshot == null || page >= snapshot.pages().size()) {
            throw ProtocolException.badRequest("body.page", "no such page of this connection's snapshot; take page 0");
        }
        Csc15.Snapshot answer = snapshot.pages().get(page);
        if (answer.last()) {
            paged.remove(call.session(), snapshot);
            call.afterReply().add(snapshot.feed()::goLive); // pushes follow the whole snapshot, never a part
        }
        return answer;
    }

    /** A page uses a quarter of a message, leaving room for the envelope and the encoder's estimate. */
    private int pageBudget() {
        return Math.max(16 * 1024, ctx.codec().maxMessageBytes() / 4);
    }

    @Override
    public void userAccessChanged(Tx tx, UserAccess access) {
        ctx.events().append(tx, USER_ACCESS, ctx.codec().mapper().valueToTree(new Csc15.UpdateUserAccess(access, 0)));
    }

    @Override
    public void applicationProfilesChanged(Tx tx, String applicationId, boolean trustedDomain,
                                           List<ApplicationProfile> currentProfiles) {
        ctx.events().append(tx, APPLICATION_PROFILES, ctx.codec().mapper().valueToTree(
                new Csc15.UpdateApplicationProfile(applicationId, List.copyOf(currentProfiles), 0)));
    }

    private void pushAll(NodeFeed.Push push) {
        for (NodeFeed feed : nodes.values()) {
            feed.push(push);
        }
    }

    /** Nodes registered for pushes (diagnostics and tests). */
    public int connectedNodes() {
        return nodes.size();
    }
}
