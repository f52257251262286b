package org.mcx.backend.acms.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link to one partner's {@code /acms} and the sender of its outbox: one message on the wire at
 * a time, oldest first, so messages arrive in order; removed only when the partner answers
 * {@code stored}. Every state change runs on the links' one scheduler thread, so the fields need no
 * locks. An unreachable partner is retried for ever, backing off with jitter.
 */
final class PartnerLink {
    private static final Logger log = LoggerFactory.getLogger(PartnerLink.class);
    /** Refusals that a resend cannot change; anything else (UNAVAILABLE, INTERNAL, timeouts) is retried. */
    private static final Set<ErrorCode> PERMANENT = EnumSet.of(ErrorCode.BAD_REQUEST, ErrorCode.NOT_FOUND,
            ErrorCode.FORBIDDEN, ErrorCode.CONFLICT, ErrorCode.TOO_LARGE, ErrorCode.UNKNOWN_TYPE);

    private final SystemContext ctx;
    private final String partnerSystemId;
    private final URI base;
    private final String secret;
    /** The pinned SHA-256 fingerprint of the partner's certificate, or null to trust the JVM's CAs. */
    private final String fingerprint;
    private final Outbox outbox;
    private final Acknowledgements acks;
    private final ScheduledExecutorService thread;
    private final BiConsumer<String, Boolean> connectedChanged;
    private final Backoff backoff;

    private ProtocolClient client;
    /** Which client's reports count: a replaced client's late reports are ignored. */
    private int generation;
    private boolean connected;
    private boolean sending;
    private boolean stopped;
    private int failedAttempts;
    private int refusedLogins;
    private ScheduledFuture<?> retry;

    PartnerLink(SystemContext ctx, Backoff backoff, String partnerSystemId, URI endpoint, String secret, String fingerprint,
                Outbox outbox,
                Acknowledgements acks, ScheduledExecutorService thread, BiConsumer<String, Boolean> connectedChanged) {
        this.ctx = ctx;
        this.partnerSystemId = partnerSystemId;
        this.base = URI.create(endpoint.toString().replaceAll("/acms$", ""));
        this.secret = secret;
        this.fingerprint = fingerprint;
        this.outbox = outbox;
        this.acks = acks;
        this.thread = thread;
        this.connectedChanged = connectedChanged;
        this.backoff = backoff;
    }

    /** Scheduler thread only. */
    void start() {
        int mine = ++generation;
        var builder = ProtocolClient.builder(base, Endpoint.ACMS)
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
            connectedChanged.accept(partnerSystemId, now);
        }
    }

    /** Whether this link already uses these settings, so that saving other fields need not reconnect it. */
    boolean uses(URI endpoint, String newSecret, String newFingerprint) {
        return base.equals(URI.create(endpoint.toString().replaceAll("/acms$", ""))) && secret.equals(newSecret)
                && java.util.Objects.equals(fingerprint, newFingerprint);
    }

    boolean connected() {
        return connected;
    }

    /** Sends the oldest waiting message if none is on the wire. Scheduler thread only. */
    void kick() {
        if (stopped || sending || !connected) {
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
            finish(ctx.db().write(tx -> {
                if (outbox.remove(tx.connection(), entry.outboxId())) {
                    acks.refused(tx, entry, "the stored message could not be read");
                }
                return null;
            }), false);
            return;
        }
        client.request(entry.type(), body, Acms.Stored.class).whenCompleteAsync((stored, failure) -> {
            if (failure == null) {
                finish(ctx.db().write(tx -> {
                    if (outbox.remove(tx.connection(), entry.outboxId())) {
                        acks.stored(tx, entry);
                    }
                    return null;
                }), false);
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
            finish(ctx.db().write(tx -> {
                if (outbox.remove(tx.connection(), entry.outboxId())) {
                    acks.refused(tx, entry, (tooLarge ? "not sent: " : "partner refused: ") + reason);
                }
                return null;
            }), false);
            return;
        }
        String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        log.info("sending request {} to partner {} failed (attempt {}): {}", entry.requestId(), partnerSystemId,
                entry.attempts() + 1, error);
        finish(ctx.db().write(tx -> {
            outbox.attemptFailed(tx.connection(), entry.outboxId(), error);
            return null;
        }), true);
    }

    /** After the outcome is recorded: go on with the next message, or wait before trying again. */
    private void finish(java.util.concurrent.CompletableFuture<?> recorded, boolean failed) {
        recorded.whenCompleteAsync((v, e) -> {
            sending = false;
            if (e != null) {
                log.error("cannot record the outcome of a send to partner {}", partnerSystemId, e);
            }
            if (failed || e != null) {
                retryLater();
            } else {
                failedAttempts = 0;
                kick();
            }
        }, thread);
    }

    private void retryLater() {
        failedAttempts++;
        if (retry != null) {
            retry.cancel(false);
        }
        retry = thread.schedule(this::kick, backoff.delay(failedAttempts).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Scheduler thread only. */
    void stop() {
        stopped = true;
        if (retry != null) {
            retry.cancel(false);
        }
        if (client != null) {
            client.close();
        }
        setConnected(false);
    }
}
