package org.mcx.backend.acms.outbox;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.mcx.backend.store.Sql;
import org.mcx.backend.system.SystemContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This system's links to its partners, one per configured partner, kept open for as long as the
 * partner is configured: they carry the outbox and report {@code partner.connected} and
 * {@code partner.disconnected}. Links are managed on one thread of their own.
 */
public final class PartnerLinks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PartnerLinks.class);

    private final SystemContext ctx;
    private final Outbox outbox;
    private final Acknowledgements acks;
    private final Backoff backoff;
    private final ScheduledThreadPoolExecutor thread = newThread();
    private final Map<String, PartnerLink> links = new HashMap<>(); // link thread only
    private final Set<String> connected = ConcurrentHashMap.newKeySet();

    public PartnerLinks(SystemContext ctx, Backoff backoff, Acknowledgements acks) {
        this.ctx = ctx;
        this.backoff = backoff;
        this.acks = acks;
        this.outbox = new Outbox(ctx.codec(), this::wake);
    }

    public Outbox outbox() {
        return outbox;
    }

    /** Opens a link to every configured partner. */
    public void start() {
        List<String> partners = ctx.db().read(c -> Sql.query(c, "SELECT system_id FROM partners", rs -> rs.getString(1)))
                .join();
        partners.forEach(this::reload);
    }

    /** (Re)opens the link to a partner after it was added or changed: endpoint or secret may be new. */
    public void reload(String systemId) {
        ctx.db().read(c -> Sql.queryOne(c, "SELECT endpoint, secret, certificate_fingerprint FROM partners"
                        + " WHERE system_id = ?", rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
                systemId)).whenCompleteAsync((row, failure) -> {
            if (failure != null) {
                log.error("cannot read partner {}", systemId, failure);
                return;
            }
            PartnerLink current = links.get(systemId);
            if (current != null && row.isPresent()
                    && current.uses(URI.create(row.get()[0]), row.get()[1], row.get()[2])) {
                return; // only the policy or the name changed: the link stays up
            }
            PartnerLink old = links.remove(systemId);
            if (old != null) {
                old.stop();
            }
            if (row.isPresent()) {
                PartnerLink link = new PartnerLink(ctx, backoff, systemId, URI.create(row.get()[0]), row.get()[1],
                        row.get()[2], outbox, acks, thread, this::connectedChanged);
                links.put(systemId, link);
                link.start();
            }
        }, thread);
    }

    public void remove(String systemId) {
        post(() -> {
            PartnerLink old = links.remove(systemId);
            if (old != null) {
                old.stop();
            }
        });
    }

    /** Something new waits in the outbox for this partner. */
    void wake(String systemId) {
        post(() -> {
            PartnerLink link = links.get(systemId);
            if (link != null) {
                link.kick();
            }
        });
    }

    private void post(Runnable work) {
        try {
            thread.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // Closing: what is in the outbox stays there and goes out after the next start.
            log.debug("partner links closing; not woken");
        }
    }

    public boolean connected(String systemId) {
        return connected.contains(systemId);
    }

    private void connectedChanged(String systemId, boolean now) {
        if (now) {
            connected.add(systemId);
        } else {
            connected.remove(systemId);
        }
        log.info("link to partner {} {}", systemId, now ? "connected" : "disconnected");
        ctx.db().write(tx -> ctx.events().append(tx, now ? "partner.connected" : "partner.disconnected",
                ctx.events().data().put("partnerSystemId", systemId))).exceptionally(e -> {
                    log.error("cannot record that partner {} {}", systemId, now ? "connected" : "disconnected", e);
                    return null;
                });
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

    @Override
    public void close() {
        thread.execute(() -> {
            links.values().forEach(PartnerLink::stop);
            links.clear();
        });
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
