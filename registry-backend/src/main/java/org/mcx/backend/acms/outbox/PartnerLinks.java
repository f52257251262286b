package org.mcx.backend.acms.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mcx.backend.store.Sql;
import org.mcx.backend.store.Tx;
import org.mcx.backend.system.SystemContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's links to the partners it holds ({@link LinkOwnership}): one per partner, open for as
 * long as this node holds it and it is configured. They carry the outbox and record
 * {@code partner.connected} and {@code partner.disconnected} in the partner's shared row, so every
 * node answers {@link #connected} the same. Links are managed on one thread of their own.
 */
public final class PartnerLinks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PartnerLinks.class);

    private record Settings(String endpoint, String secret, String fingerprint) {
    }

    private final SystemContext ctx;
    private final OwnershipConfig config;
    private final Outbox outbox;
    private final ScheduledThreadPoolExecutor thread = newThread();
    private final PartnerLink.Shared shared;
    private final OwnerTable table;
    private final LinkOwnership ownership;
    // links' thread only:
    private final Map<String, Lease> leases = new HashMap<>();
    private final Map<String, PartnerLink> links = new HashMap<>();
    private boolean syncing;
    private boolean syncAgain;

    public PartnerLinks(SystemContext ctx, Backoff backoff, Acknowledgements acks, OwnershipConfig config) {
        this.ctx = ctx;
        this.config = config;
        this.outbox = new Outbox(ctx.codec(), this::wake);
        this.shared = new PartnerLink.Shared(ctx, backoff, outbox, acks, thread, this::connectedChanged,
                fenced -> ownership().checkNow());
        this.table = new OwnerTable(ctx.events());
        this.ownership = new LinkOwnership(ctx, config, table, thread, new LinkOwnership.Holder() {
            @Override
            public void gained(Lease lease) {
                leases.put(lease.partnerSystemId(), lease);
                sync();
            }

            @Override
            public void lost(String partnerSystemId) {
                leases.remove(partnerSystemId);
                PartnerLink link = links.remove(partnerSystemId);
                if (link != null) {
                    link.stop();
                }
            }
        });
    }

    /** Which partners this node holds (package-private for tests). */
    LinkOwnership ownership() {
        return ownership;
    }

    public Outbox outbox() {
        return outbox;
    }

    /**
     * Claims partners and opens links to those this node holds: on H2 (one process) every partner,
     * before this returns; then keeps the links in step with the partners' settings and polls their
     * outboxes every {@code outboxPoll}.
     */
    public void start() {
        ownership.start().join();
        long every = config.outboxPoll().toMillis();
        thread.scheduleWithFixedDelay(this::sync, every, every, TimeUnit.MILLISECONDS);
    }

    /** After a partner was added or changed (on this node): claim it if free, reopen its link if its settings changed. */
    public void reload(String systemId) {
        ownership.checkNow();
        post(this::sync);
    }

    /** In the transaction that deletes a partner: its row goes with it (and the link, if up, is reported down). */
    public void forget(Tx tx, String systemId) throws SQLException {
        table.forget(tx, systemId);
    }

    /** After a partner was removed: its link stops now, and the next round lets its lease go. */
    public void remove(String systemId) {
        ownership.checkNow();
        post(this::sync);
    }

    /**
     * The one place where links learn of messages to send. Written on this node: woken after commit
     * ({@link Outbox}); written on another node: found by {@link #sync}'s poll. A later change feeds
     * links from the shared event log instead of polling.
     */
    void wake(String systemId) {
        post(() -> {
            PartnerLink link = links.get(systemId);
            if (link != null) {
                link.kick();
            }
        });
    }

    /**
     * Links' thread: reads the partners' settings, then opens, reopens or closes links so that each
     * held partner has one with its current settings, and polls the outboxes of the others. One at a
     * time, so that an older read is never applied after a newer one.
     */
    private void sync() {
        if (syncing) {
            syncAgain = true;
            return;
        }
        syncing = true;
        ctx.db().read(PartnerLinks::settings).whenCompleteAsync((settings, failure) -> {
            syncing = false;
            if (failure != null) {
                log.warn("cannot read the partners' settings; links stay as they are", failure);
            } else {
                reconcile(settings);
            }
            if (syncAgain) {
                syncAgain = false;
                sync();
            }
        }, thread);
    }

    private void reconcile(Map<String, Settings> settings) {
        for (Iterator<Map.Entry<String, PartnerLink>> it = links.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, PartnerLink> e = it.next();
            if (!settings.containsKey(e.getKey())) { // deleted: the ownership round lets its lease go
                e.getValue().stop();
                it.remove();
            }
        }
        leases.forEach((partner, lease) -> {
            Settings s = settings.get(partner);
            PartnerLink link = links.get(partner);
            if (s == null) {
                return;
            }
            if (link != null && link.lease().equals(lease) && link.uses(s.endpoint(), s.secret(), s.fingerprint())) {
                link.poll();
                return;
            }
            if (link != null) {
                link.stop(); // the endpoint, secret or pinned certificate changed
            }
            PartnerLink fresh = new PartnerLink(shared, lease, s.endpoint(), s.secret(), s.fingerprint());
            links.put(partner, fresh);
            fresh.start();
        });
    }

    private static Map<String, Settings> settings(Connection c) throws SQLException {
        Map<String, Settings> all = new HashMap<>();
        Sql.query(c, "SELECT system_id, endpoint, secret, certificate_fingerprint FROM partners", rs -> all.put(
                rs.getString(1), new Settings(rs.getString(2), rs.getString(3), rs.getString(4))));
        return all;
    }

    /** Whether the link to the partner is up, as every node sees it (the holder's link writes it). */
    public static boolean connected(Connection c, String systemId) throws SQLException {
        return OwnerTable.connected(c, systemId);
    }

    private void connectedChanged(Lease lease, boolean now) {
        String systemId = lease.partnerSystemId();
        log.info("link to partner {} {}", systemId, now ? "connected" : "disconnected");
        ctx.db().write(tx -> {
            if (OwnerTable.setConnected(tx.connection(), lease, now)) {
                ctx.events().append(tx, now ? "partner.connected" : "partner.disconnected",
                        ctx.events().data().put("partnerSystemId", systemId));
            }
            return null;
        }).exceptionally(e -> {
            log.error("cannot record that partner {} {}", systemId, now ? "connected" : "disconnected", e);
            return null;
        });
    }

    private boolean post(Runnable work) {
        try {
            thread.execute(work);
            return true;
        } catch (RejectedExecutionException closing) {
            // Closing: what is in the outbox stays there and goes out from whichever node holds the partner next.
            log.debug("partner links closing; not woken");
            return false;
        }
    }

    /** For tests: stops as a killed process would, writing nothing: no release, no last link state. */
    void die() {
        post(() -> {
            ownership.stop(false);
            links.values().forEach(PartnerLink::drop);
            links.clear();
        });
        shutDownThread();
    }

    private static ScheduledThreadPoolExecutor newThread() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "mcx-acms-links");
            th.setDaemon(true);
            return th;
        });
        // A retry waiting up to 30 s must not hold up shutdown.
        t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /** Stops the links (each records itself disconnected), then releases this node's leases for the next node. */
    @Override
    public void close() {
        java.util.concurrent.CompletableFuture<Object> released = new java.util.concurrent.CompletableFuture<>();
        boolean closing = post(() -> {
            links.values().forEach(PartnerLink::stop);
            links.clear();
            leases.clear();
            ownership.stop(true).whenComplete((v, e) -> {
                if (e != null) {
                    log.warn("could not release the partner links; other nodes take them when their leases end", e);
                }
                released.complete(null);
            });
        });
        if (!closing) {
            return; // closed already, or died (tests)
        }
        try {
            released.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            log.warn("partner links not released within 5 s; other nodes take them when their leases end");
        } catch (java.util.concurrent.ExecutionException e) {
            log.warn("releasing the partner links failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutDownThread();
    }

    private void shutDownThread() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("partner links did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
