package org.mcx.protocol.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.Codec;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link's life: connect, authenticate, re-subscribe, and after a loss reconnect with backoff.
 * Everything here runs on the dispatcher thread, so the state needs no locks; only {@link #ready}
 * and {@link #authResult} are read by other threads.
 */
final class Supervisor implements Link.Listener {
    private static final Logger log = LoggerFactory.getLogger(ProtocolClient.class);
    /** Server errors that say "not now" rather than "not you": worth another attempt. */
    private static final Set<ErrorCode> TRANSIENT = Set.of(ErrorCode.UNAVAILABLE, ErrorCode.RATE_LIMITED, ErrorCode.INTERNAL);

    private final ClientConfig config;
    private final Codec codec;
    private final Dispatcher dispatcher;
    private final EventSubscription events;
    private final StateListeners states;
    private final Inbound inbound;
    private final List<CompletableFuture<Void>> waiters = new ArrayList<>();
    private volatile Link ready;
    private volatile Body authResult;
    private Link current;
    private boolean active;
    private boolean everAuthenticated;
    private boolean shutDown;
    private int attempt;
    /** Which of the system's nodes the client uses now (an index into the config's uris). */
    private volatile int node;
    /** Nodes tried one after the other without an authenticated link: a round ends at all of them. */
    private int failedInRow;
    private ScheduledFuture<?> reconnectTask;

    Supervisor(ClientConfig config, Codec codec, Dispatcher dispatcher, EventSubscription events,
               StateListeners states, ServerRequests serverRequests) {
        this.config = config;
        this.codec = codec;
        this.dispatcher = dispatcher;
        this.events = events;
        this.states = states;
        this.inbound = new Inbound(codec, events, serverRequests);
    }

    /** The endpoint on the node in use, or last used. */
    java.net.URI node() {
        return config.uris().get(node);
    }

    /** The authenticated link, or null: requests are never queued for a link that is not ready. */
    Link ready() {
        return ready;
    }

    Body authResult() {
        return authResult;
    }

    void connect(CompletableFuture<Void> waiter) {
        if (shutDown) {
            waiter.completeExceptionally(new ConnectionLostException("client closed"));
        } else if (ready != null) {
            waiter.complete(null);
        } else {
            waiters.add(waiter);
            if (!active) {
                active = true;
                everAuthenticated = false;
                attempt = 0;
                failedInRow = 0;
                open();
            }
        }
    }

    void shutdown() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        active = false;
        if (reconnectTask != null) {
            reconnectTask.cancel(false);
        }
        ConnectionLostException closed = new ConnectionLostException("client closed");
        Link link = current;
        current = null;
        ready = null;
        if (link != null) {
            link.pending().failAll(closed);
            link.abandon("client closed");
        }
        states.publish(new LinkStatus(LinkState.CLOSED, "closed by the client", StateListeners.NORMAL_CLOSURE, null));
        settleWaiters(closed);
    }

    private void open() {
        Link link = new Link(config, node(), codec, dispatcher, this);
        current = link;
        states.publish(LinkStatus.of(LinkState.CONNECTING, "connecting to " + node()));
        link.connect();
    }

    @Override
    public void opened(Link link) {
        if (link != current) {
            link.abandon("superseded");
            return;
        }
        states.publish(LinkStatus.of(LinkState.AUTHENTICATING, "authenticating"));
        Authenticator.Request auth;
        try {
            auth = config.authenticator().next();
        } catch (RuntimeException e) {
            log.error("{}: the authenticator could not produce credentials", link, e);
            authFailed(link, "the authenticator failed: " + e.getMessage(), e);
            return;
        }
        link.request(auth.type(), auth.body(), auth.type().responseBody(), config.requestTimeout())
                .whenComplete((body, error) -> authenticated(link, body, error));
    }

    private void authenticated(Link link, Body body, Throwable error) {
        if (link != current) {
            return;
        }
        if (error == null) {
            config.authenticator().accepted(body);
            authResult = body;
            boolean resumed = everAuthenticated;
            everAuthenticated = true;
            attempt = 0;
            failedInRow = 0;
            events.resubscription().ifPresent(s -> resubscribe(link, s));
            ready = link;
            states.publish(LinkStatus.of(LinkState.CONNECTED, (resumed ? "reconnected as " : "connected as ") + body));
            settleWaiters(null);
            return;
        }
        Throwable cause = ServerRequests.unwrap(error);
        if (cause instanceof ConnectionLostException) {
            return; // closed() follows and decides
        }
        if (cause instanceof RemoteException refusal && !TRANSIENT.contains(refusal.code())) {
            if (everAuthenticated && config.authenticator().retryAfter(refusal)) {
                drop(link, "authenticating again");
                scheduleReconnect(Duration.ZERO, "credentials refused (" + refusal.getMessage() + "); authenticating again", 0);
            } else {
                authFailed(link, refusal.code() + ": " + refusal.getMessage(), refusal);
            }
            return;
        }
        log.warn("{}: authentication did not complete: {}", link, cause.toString());
        link.failure(cause);
        link.close(1000, "authentication did not complete");
    }

    private void authFailed(Link link, String reason, Throwable cause) {
        drop(link, "authentication failed");
        active = false;
        states.publish(LinkStatus.of(LinkState.AUTH_FAILED, reason));
        settleWaiters(cause);
    }

    private void resubscribe(Link link, Console.Subscribe subscription) {
        log.info("{}: subscribing again to {} since event {}", link, subscription.topics(), subscription.sinceSeq());
        link.request(MessageType.EVENTS_SUBSCRIBE, subscription, Console.Subscribed.class, config.requestTimeout())
                .whenComplete((reply, error) -> {
                    if (error == null) {
                        events.accepted(subscription, reply);
                    } else if (!(ServerRequests.unwrap(error) instanceof ConnectionLostException)) {
                        log.error("{}: subscribing again to {} failed; no events will arrive", link,
                                subscription.topics(), error);
                    }
                });
    }

    @Override
    public void received(Link link, String text) {
        if (link == current) {
            inbound.accept(link, text);
        }
    }

    @Override
    public void closed(Link link, int code, String reason, boolean remote) {
        if (link != current) {
            return; // a link dropped on purpose, already accounted for
        }
        // A close this side began (1009 for a frame over the cap) is echoed by the server with remote=true.
        boolean byUs = link.localCloseCode() != 0;
        int closeCode = byUs ? link.localCloseCode() : code;
        String why = CloseReasons.describe(closeCode, reason, remote && !byUs, link.lastError(), config.maxMessageBytes());
        ConnectionLostException lost = new ConnectionLostException(why);
        Throwable cause = link.failure() != null ? link.failure() : lost;
        current = null;
        ready = null;
        link.pending().failAll(lost);
        if (shutDown) {
            return;
        }
        // Another node may serve: the next is tried at once, and only once every node has failed in
        // a row does the client wait, by its backoff, before the next round.
        int nodes = config.uris().size();
        boolean anotherNodeLeft = nodes > 1 && ++failedInRow < nodes;
        if (nodes > 1) {
            node = (node + 1) % nodes;
        }
        if ((!everAuthenticated && !config.retryFirstConnect()) || !config.reconnect().enabled()) {
            if (anotherNodeLeft && !everAuthenticated) { // a first connect tries every node once
                scheduleReconnect(Duration.ZERO, why + "; trying " + node(), closeCode);
                return;
            }
            active = false;
            states.publish(new LinkStatus(LinkState.CLOSED, why, closeCode, null));
            settleWaiters(cause);
            return;
        }
        if (anotherNodeLeft) {
            scheduleReconnect(Duration.ZERO, why + "; trying " + node(), closeCode);
            return;
        }
        failedInRow = 0;
        scheduleReconnect(config.reconnect().delay(attempt++), why, closeCode);
    }

    private void drop(Link link, String why) {
        current = null;
        ready = null;
        link.pending().failAll(new ConnectionLostException(why));
        link.abandon(why);
    }

    private void scheduleReconnect(Duration delay, String why, int code) {
        states.publish(new LinkStatus(LinkState.RECONNECTING, why, code, delay));
        reconnectTask = dispatcher.schedule(() -> {
            reconnectTask = null;
            if (active && !shutDown && current == null) {
                open();
            }
        }, delay);
    }

    private void settleWaiters(Throwable error) {
        List<CompletableFuture<Void>> settled = List.copyOf(waiters);
        waiters.clear();
        for (CompletableFuture<Void> waiter : settled) {
            if (error == null) {
                waiter.complete(null);
            } else {
                waiter.completeExceptionally(error);
            }
        }
    }
}
