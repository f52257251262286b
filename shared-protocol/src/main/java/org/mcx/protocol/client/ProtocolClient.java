package org.mcx.protocol.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.Codec;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of one endpoint of the backend (PROTOCOL.md): authenticates first, correlates requests
 * with their answers, delivers events in order without repeats, answers the server's requests and
 * reconnects after a loss, resuming the session and the event subscription.
 *
 * <p>Callbacks (state and event listeners, request handlers, and the completion of the futures
 * returned here) run on the client's own dispatcher thread, in order, never on the socket's. Keep
 * them short and never block it on this client: {@link #call} refuses to run there. (As with any
 * {@code CompletableFuture}, a thread blocked in {@code get()} on a future may run its dependents.)
 */
public final class ProtocolClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProtocolClient.class);

    private final ClientConfig config;
    private final Dispatcher dispatcher;
    private final EventSubscription events;
    private final StateListeners states;
    private final Supervisor supervisor;
    private volatile boolean closed;

    ProtocolClient(ClientConfig config) {
        this.config = config;
        Codec codec = new Codec(config.maxMessageBytes());
        this.dispatcher = new Dispatcher("mcx-client-" + config.name());
        this.events = new EventSubscription(config.name(), config.eventListeners());
        this.states = new StateListeners(config.name(), config.stateListeners());
        ServerRequests serverRequests = new ServerRequests(config.name(), codec, config.handlers());
        this.supervisor = new Supervisor(config, codec, dispatcher, events, states, serverRequests);
    }

    /** @param serverBase the listener, e.g. {@code ws://127.0.0.1:8080}; the endpoint's path is appended */
    public static ClientBuilder builder(URI serverBase, Endpoint endpoint) {
        return new ClientBuilder(List.of(serverBase), endpoint);
    }

    /**
     * A client of a system served by several nodes: it connects to the first that answers, in this
     * order, and when its node is lost it moves to the next at once (then backs off once every node
     * has been tried), resuming its session and its event subscription from the last event it had.
     *
     * @param serverBases every node's listener, e.g. {@code wss://registry-1:8443}, {@code wss://registry-2:8443}
     */
    public static ClientBuilder builder(List<URI> serverBases, Endpoint endpoint) {
        return new ClientBuilder(serverBases, endpoint);
    }

    /**
     * Connects and authenticates. The future completes once the link is authenticated, or fails
     * with the server's refusal (a {@link RemoteException}, e.g. {@code UNAUTHENTICATED}; the
     * client then stops in {@link LinkState#AUTH_FAILED}) or, when the server cannot be reached,
     * with a {@link ConnectionLostException}. Calling it again while connected is harmless.
     */
    public CompletableFuture<Void> connect() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new ConnectionLostException("client closed"));
        } else {
            dispatcher.execute(() -> supervisor.connect(result));
        }
        return result;
    }

    /** Sends a request; the future holds the answer, or fails (see {@link #request(MessageType, Body, Class, Duration)}). */
    public <R extends Body> CompletableFuture<R> request(MessageType type, Body body, Class<R> responseType) {
        return request(type, body, responseType, config.requestTimeout());
    }

    /**
     * Sends a request. The future fails with a {@link RemoteException} when the server answers
     * {@code error}, a {@link java.util.concurrent.TimeoutException} after {@code timeout}, a
     * {@link ConnectionLostException} when the link is not connected or is lost before the answer
     * (requests are not queued), or a {@code ProtocolException} {@code TOO_LARGE} when the message
     * exceeds the size limit (it is then not sent).
     *
     * @throws IllegalArgumentException if {@code body} or {@code responseType} do not fit {@code type},
     *         or the timeout is not positive
     */
    public <R extends Body> CompletableFuture<R> request(MessageType type, Body body, Class<R> responseType,
                                                         Duration timeout) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
        if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (!type.requestBody().isInstance(body)) {
            throw new IllegalArgumentException(type.wireName() + " carries a " + type.requestBody().getName()
                    + ", not a " + body.getClass().getName());
        }
        if (!responseType.isAssignableFrom(type.responseBody())) {
            throw new IllegalArgumentException(type.wireName() + " is answered with a "
                    + type.responseBody().getName() + ", not a " + responseType.getName());
        }
        Link link = supervisor.ready();
        if (closed || link == null) {
            return CompletableFuture.failedFuture(new ConnectionLostException(
                    closed ? "client closed" : "not connected (" + states.current() + ")"));
        }
        return link.request(type, body, responseType, timeout);
    }

    /** Like {@link #request(MessageType, Body, Class)}, typed by the caller: {@code client.<Console.Services>request(...)}. */
    @SuppressWarnings("unchecked")
    public <R extends Body> CompletableFuture<R> request(MessageType type, Body body) {
        return (CompletableFuture<R>) request(type, body, type.responseBody());
    }

    /**
     * Sends a request and waits for its answer; failures are thrown as they are, not wrapped
     * ({@link RemoteException}, {@link ConnectionLostException}, {@link TimeoutException}, ...).
     *
     * @throws IllegalStateException on the client's dispatcher thread, where waiting would deadlock
     */
    public <R extends Body> R call(MessageType type, Body body, Class<R> responseType)
            throws InterruptedException, TimeoutException {
        if (dispatcher.isDispatcherThread()) {
            throw new IllegalStateException("call() from a listener or handler of this client would wait forever; use request()");
        }
        try {
            return request(type, body, responseType).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof TimeoutException t) {
                throw t;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new CompletionException(cause);
        }
    }

    @SuppressWarnings("unchecked")
    public <R extends Body> R call(MessageType type, Body body) throws InterruptedException, TimeoutException {
        return (R) call(type, body, type.responseBody());
    }

    /**
     * Subscribes to events whose topic starts with one of {@code topics} ({@code ""} = all), in
     * addition to those subscribed before. The client remembers the topics and, after every
     * reconnect, subscribes again from the last event it delivered, so nothing is missed or repeated.
     * Fails like any request while not connected; topics count once the server has accepted them.
     */
    public CompletableFuture<Console.Subscribed> subscribe(List<String> topics) {
        return subscribe(topics, null);
    }

    /** As {@link #subscribe(List)}, replaying the events after {@code sinceSeq} first. */
    public CompletableFuture<Console.Subscribed> subscribe(List<String> topics, Long sinceSeq) {
        Console.Subscribe subscription = events.subscription(topics, sinceSeq);
        return request(MessageType.EVENTS_SUBSCRIBE, subscription, Console.Subscribed.class)
                .thenApply(reply -> {
                    events.accepted(subscription, reply);
                    return reply;
                });
    }

    /** The sequence number of the last event delivered, or -1. */
    public long lastEventSeq() {
        return events.lastSeq();
    }

    public LinkStatus status() {
        return states.current();
    }

    public LinkState state() {
        return states.current().state();
    }

    public boolean isConnected() {
        return supervisor.ready() != null;
    }

    /** The server's answer to the last successful authentication, e.g. {@link Auth.ApplicationSession}. */
    public Optional<Body> authentication() {
        return Optional.ofNullable(supervisor.authResult());
    }

    /** The console session from {@code auth.login} or {@code auth.resume}, if that is how this client authenticated. */
    public Optional<Auth.Session> session() {
        return authentication().filter(Auth.Session.class::isInstance).map(Auth.Session.class::cast);
    }

    public Endpoint endpoint() {
        return config.endpoint();
    }

    /** The endpoint's full address on the node it is (or was last) connected to, e.g. {@code ws://127.0.0.1:8080/csc14}. */
    public URI uri() {
        return supervisor.node();
    }

    public void addEventListener(Consumer<Common.Event> listener) {
        events.addListener(Objects.requireNonNull(listener, "listener"));
    }

    public void removeEventListener(Consumer<Common.Event> listener) {
        events.removeListener(listener);
    }

    public void addStateListener(Consumer<LinkStatus> listener) {
        states.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeStateListener(Consumer<LinkStatus> listener) {
        states.remove(listener);
    }

    /**
     * Ends a console session for good: asks the server to revoke the session's token
     * ({@code auth.logout}), then {@linkplain #close() closes}. Completes when the token is revoked;
     * fails if the server could not be told (not connected, no answer), in which case the token
     * lapses only when it expires, and the client is closed all the same.
     */
    public CompletableFuture<Void> logout() {
        if (session().isEmpty()) {
            close();
            return CompletableFuture.failedFuture(new IllegalStateException("no console session to log out of"));
        }
        CompletableFuture<Void> loggedOut = new CompletableFuture<>();
        // Closed off the dispatcher thread, so that close() waits until the link is down before the caller hears.
        Executor closer = r -> {
            Thread t = new Thread(r, "mcx-client-logout");
            t.setDaemon(true);
            t.start();
        };
        request(MessageType.AUTH_LOGOUT, new Common.Empty(), Common.Empty.class).whenCompleteAsync((done, failure) -> {
            close();
            if (failure == null) {
                loggedOut.complete(null);
            } else {
                loggedOut.completeExceptionally(failure);
            }
        }, closer);
        return loggedOut;
    }

    /**
     * Closes the link (code 1000), fails waiting requests with {@link ConnectionLostException} and
     * stops reconnecting for good. Waits briefly for that to be done, except on the dispatcher thread.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        dispatcher.execute(() -> {
            try {
                supervisor.shutdown();
            } finally {
                dispatcher.shutdown();
                done.complete(null);
            }
        });
        if (!dispatcher.isDispatcherThread()) {
            try {
                done.get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                log.debug("{}: interrupted while waiting for the close to finish", config.name());
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.warn("{}: closing did not finish within 2 s (a listener still busy?)", config.name(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "ProtocolClient[" + config.name() + " " + config.uri() + " " + states.current().state() + "]";
    }
}
