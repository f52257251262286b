package org.mcx.backend.acms.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.mcx.backend.system.SystemContext;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.LinkState;
import org.mcx.protocol.client.LinkStatus;
import org.mcx.protocol.client.PinnedCertificate;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import org.mcx.protocol.client.RemoteException;
import org.mcx.protocol.message.Acms;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Console;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link to one partner's {@code /acms} and the sender of its outbox: one message on the wire at
 * a time, oldest first, so messages arrive in order; removed only when the partner answers
 * {@code stored}. It exists only on the node that holds the partner ({@link LinkOwnership}), and
 * records every outcome under its {@link Lease}: once another node has taken the partner over,
 * nothing this link learns changes the database. Every state change runs on the links' one
 * scheduler thread, so the fields need no locks. An unreachable partner is retried for ever,
 * backing off with jitter.
 */
final class PartnerLink {
    private static final Logger log = LoggerFactory.getLogger(PartnerLink.class);
    /** Refusals that a resend cannot change; anything else (UNAVAILABLE, INTERNAL, timeouts) is retried. */
    private static final Set<ErrorCode> PERMANENT = EnumSet.of(ErrorCode.BAD_REQUEST, ErrorCode.NOT_FOUND,
            ErrorCode.FORBIDDEN, ErrorCode.CONFLICT, ErrorCode.TOO_LARGE, ErrorCode.UNKNOWN_TYPE);

    /** What every link of this node shares. */
    record Shared(SystemContext ctx, Backoff backoff, Outbox outbox, Acknowledgements acks,
                  ScheduledExecutorService thread, BiConsumer<Lease, Boolean> connectedChanged,
                  Consumer<Lease> fencedOut) {
    }

    private final SystemContext ctx;
    private final Lease lease;
    private final String partnerSystemId;
    /** The partner's nodes, as ACMS bases: the client moves to the next when one is down. */
    private final List<URI> bases;
    private final String secret;
    /** The pinned SHA-256 fingerprint of the partner's certificate, or null to trust the JVM's CAs. */
    private final String fingerprint;
    private final Outbox outbox;
    private final SendOutcomes outcomes;
    private final ScheduledExecutorService thread;
    private final Shared shared;
    private final Backoff backoff;

    private ProtocolClient client;
    /** Which client's reports count: a replaced client's late reports are ignored. */
    private int generation;
    private boolean connected;
    private boolean sending;
    private boolean stopped;
    /** Another node holds the partner now: this link sends nothing more while it waits to be stopped. */
    private boolean fencedOut;
    private int failedAttempts;
    private int refusedLogins;
    private ScheduledFuture<?> retry;

    PartnerLink(Shared shared, Lease lease, String endpoint, String secret, String fingerprint) {
        this.shared = shared;
        this.ctx = shared.ctx();
        this.lease = lease;
        this.partnerSystemId = lease.partnerSystemId();
        this.bases = bases(endpoint);
        this.secret = secret;
        this.fingerprint = fingerprint;
        this.outbox = shared.outbox();
        this.outcomes = new SendOutcomes(ctx.db(), outbox, shared.acks(), lease);
        this.thread = shared.thread();
        this.backoff = shared.backoff();
    }

    /** Scheduler thread only. */
    void start() {
        int mine = ++generation;
        var builder = ProtocolClient.builder(bases, Endpoint.ACMS)
                .name("acms-" + partnerSystemId)
                .authenticator(Authenticator.partner(ctx.systemId(), secret))
                .reconnect(ReconnectPolicy.exponential(backoff.minDelay(), backoff.maxDelay()))
                .retryFirstConnect(true)
                .maxMessageBytes(ctx.codec().maxMessageBytes())
                .onState(s -> post(() -> onState(mine, s)));
        if (fingerprint != null) {
            builder.sslContext(PinnedCertificate.trusting(fingerprint));
        }
        client = builder.build();
        client.connect().exceptionally(e -> null); // the outcome arrives through onState
    }

    /** Hands work to the links' thread; once the links are closing, reports that arrive late are dropped. */
    private void post(Runnable work) {
        try {
            thread.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            log.debug("link to {} is closing; dropped a late report", partnerSystemId);
        }
    }

    private void onState(int from, LinkStatus status) {
        if (stopped || from != generation) {
            return;
        }
        if (status.state() == LinkState.CONNECTED) {
            refusedLogins = 0;
            setConnected(true);
            kick();
            return;
        }
        setConnected(false);
        if (status.state() == LinkState.AUTH_FAILED || status.state() == LinkState.CLOSED) {
            // The client stops on refused credentials; the partner's admin may fix them, so try again later.
            refusedLogins++;
            Duration wait = backoff.delay(refusedLogins);
            log.warn("partner {} refused our link ({}); trying again in {} ms", partnerSystemId, status.reason(),
                    wait.toMillis());
            generation++;
            client.close();
            thread.schedule(() -> {
                if (!stopped) {
                    start();
                }
            }, wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void setConnected(boolean now) {
        if (connected != now) {
            connected = now;
            shared.connectedChanged().accept(lease, now);
        }
    }

    /** Whether this link already uses these settings, so that saving other fields need not reconnect it. */
    boolean uses(String endpoint, String newSecret, String newFingerprint) {
        return bases.equals(bases(endpoint)) && secret.equals(newSecret)
                && java.util.Objects.equals(fingerprint, newFingerprint);
    }

    /** The URLs of a partner's {@code endpoint} (one per node, validated when saved), without "/acms". */
    private static List<URI> bases(String endpoint) {
        return Console.SavePartner.endpoints(endpoint).stream()
                .map(url -> URI.create(url.replaceAll("/acms$", ""))).toList();
    }

    Lease lease() {
        return lease;
    }

    /**
     * Looks into the outbox unless a retry is waiting for its back-off: messages written on other
     * nodes wake no link here. Scheduler thread only.
     */
    void poll() {
        if (retry == null || retry.isDone()) {
            kick();
        }
    }

    /** Sends the oldest waiting message if none is on the wire. Scheduler thread only. */
    void kick() {
        if (stopped || fencedOut || sending || !connected) {
            return;
        }
        sending = true;
        ctx.db().read(c -> outbox.head(c, partnerSystemId)).whenCompleteAsync((head, failure) -> {
            if (failure != null) {
                log.error("cannot read the outbox for partner {}", partnerSystemId, failure);
                sending = false;
                retryLater();
            } else if (head.isEmpty() || stopped) {
                sending = false;
            } else {
                send(head.get());
            }
        }, thread);
    }

    private void send(OutboxEntry entry) {
        Body body;
        try {
            body = ctx.codec().decode(ctx.codec().mapper().readTree(entry.body()), entry.type().requestBody());
        } catch (JsonProcessingException | ProtocolException e) {
            log.error("outbox entry {} for partner {} is unreadable; dropping it", entry.outboxId(), partnerSystemId, e);
            finish(outcomes.refused(entry, "the stored message could not be read"), false);
            return;
        }
        client.request(entry.type(), body, Acms.Stored.class).whenCompleteAsync((stored, failure) -> {
            if (failure == null) {
                finish(outcomes.stored(entry), false);
            } else {
                onFailure(entry, failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
        }, thread);
    }

    private void onFailure(OutboxEntry entry, Throwable cause) {
        // Too large to send at all (checked before sending) is as final as a partner's refusal.
        boolean tooLarge = cause instanceof ProtocolException local && !(cause instanceof RemoteException)
                && local.code() == ErrorCode.TOO_LARGE;
        if (tooLarge || cause instanceof RemoteException remote && PERMANENT.contains(remote.code())) {
            ProtocolException refusal = (ProtocolException) cause;
            String reason = refusal.code() + ": " + refusal.getMessage();
            log.warn("partner {} refused {} of request {} for good: {}", partnerSystemId, entry.type().wireName(),
                    entry.requestId(), reason);
            finish(outcomes.refused(entry, (tooLarge ? "not sent: " : "partner refused: ") + reason), false);
            return;
        }
        String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        log.info("sending request {} to partner {} failed (attempt {}): {}", entry.requestId(), partnerSystemId,
                entry.attempts() + 1, error);
        finish(outcomes.failed(entry, error), true);
    }

    /**
     * After the outcome is recorded: go on with the next message, or wait before trying again, or,
     * when the partner is held by another node now, send nothing more.
     */
    private void finish(CompletableFuture<Boolean> recorded, boolean failed) {
        recorded.whenCompleteAsync((held, e) -> {
            sending = false;
            if (e != null) {
                log.error("cannot record the outcome of a send to partner {}", partnerSystemId, e);
                retryLater();
            } else if (!held) {
                fencedOut();
            } else if (failed) {
                retryLater();
            } else {
                failedAttempts = 0;
                kick();
            }
        }, thread);
    }

    private void fencedOut() {
        if (!fencedOut && !stopped) {
            fencedOut = true;
            log.warn("partner {} is held by another node now (fence {} is over): this link sends nothing more",
                    partnerSystemId, lease.fence());
            shared.fencedOut().accept(lease);
        }
    }

    private void retryLater() {
        failedAttempts++;
        if (retry != null) {
            retry.cancel(false);
        }
        retry = thread.schedule(this::kick, backoff.delay(failedAttempts).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes the link and records it disconnected (which changes nothing once the lease is lost). Scheduler thread only. */
    void stop() {
        drop();
        setConnected(false);
    }

    /** Closes the link and records nothing, as a killed process would. Scheduler thread only. */
    void drop() {
        stopped = true;
        if (retry != null) {
            retry.cancel(false);
        }
        if (client != null) {
            client.close();
        }
    }
}
