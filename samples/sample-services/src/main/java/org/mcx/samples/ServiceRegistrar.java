package org.mcx.samples;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ClientBuilder;
import org.mcx.protocol.client.ConnectionLostException;
import org.mcx.protocol.client.LinkState;
import org.mcx.protocol.client.LinkStatus;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.RemoteException;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Registration;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one sample server registered on /registration: registers on every (re)connect, renews the
 * lease every ttl/3, registers again when a heartbeat answers NOT_FOUND (the lease expired, or the
 * backend restarted and forgot it), and deregisters on close.
 *
 * <p>All state changes on one scheduler thread, so it needs no locks; the client's callbacks only
 * hop onto it. Registering again is safe: the registry replaces a node's earlier lease for the same
 * service id, so a duplicate never shows up twice.
 */
public final class ServiceRegistrar implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceRegistrar.class);
    private static final long DEREGISTER_WAIT_MS = 2000;

    private final Registration.RegisterService body;
    private final ScheduledExecutorService scheduler;
    private final Executor onScheduler;
    private final RegistrationListener listener;
    private final ProtocolClient client;
    private final long periodMs;
    private final CompletableFuture<String> firstLease = new CompletableFuture<>();
    // Owned by the scheduler thread.
    private String leaseId;
    private long generation;
    private boolean heartbeatInFlight;
    private boolean closed;
    private ScheduledFuture<?> heartbeats;
    private ScheduledFuture<?> retry;

    /**
     * @param scheduler a single-threaded scheduler (may be shared by several registrars)
     * @param sslContext for a {@code wss://} registry with a self-signed certificate, else null
     */
    public ServiceRegistrar(URI registry, NodeCredentials node, Registration.RegisterService body,
                            ScheduledExecutorService scheduler, RegistrationListener listener, SSLContext sslContext) {
        this.body = body;
        this.scheduler = scheduler;
        this.listener = listener;
        this.periodMs = body.ttlSeconds() * 1000L / 3;
        this.onScheduler = task -> {
            try {
                scheduler.execute(task);
            } catch (RejectedExecutionException e) {
                log.debug("{}: stopped; a late callback is dropped", body.serviceId());
            }
        };
        ClientBuilder builder = ProtocolClient.builder(registry, Endpoint.REGISTRATION)
                .authenticator(Authenticator.node(node.nodeId(), node.secret()))
                .name("sample-" + body.serviceId())
                .retryFirstConnect(true)
                .onState(this::onState);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.client = builder.build();
    }

    /** What a sample server registers: its kind, where it listens, for how long a lease lasts. */
    public static Registration.RegisterService describe(SampleServer server, int ttlSeconds) {
        SampleKind kind = server.kind();
        return new Registration.RegisterService(server.instance(), kind.serviceType(), kind.serviceInterface(),
                List.of("HTTP"), SampleKind.VERSION, "http", server.host(), server.port(), server.basePath(),
                ttlSeconds, kind.metadata());
    }

    /** Connects (waiting for a registry not yet up) and registers; the future holds the first lease id. */
    public CompletableFuture<String> start() {
        client.connect().whenComplete((ok, error) -> {
            if (error != null) {
                firstLease.completeExceptionally(unwrap(error));
            }
        });
        onScheduler.execute(() -> heartbeats = scheduler.scheduleWithFixedDelay(this::heartbeat, periodMs, periodMs,
                TimeUnit.MILLISECONDS));
        return firstLease;
    }

    public String serviceId() {
        return body.serviceId();
    }

    /** On the client's dispatcher thread: only hop. */
    private void onState(LinkStatus status) {
        if (status.state() == LinkState.CONNECTED) {
            onScheduler.execute(this::register);
        } else if (status.state() == LinkState.AUTH_FAILED) {
            onScheduler.execute(() -> {
                log.error("{}: the registry refused this node's credentials ({}); not registered", serviceId(),
                        status.reason());
                listener.failed(serviceId(), "credentials refused: " + status.reason());
            });
        }
    }

    private void register() {
        if (closed) {
            return;
        }
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        leaseId = null; // no heartbeats for a lease that is being replaced
        long attempt = ++generation;
        client.request(MessageType.REGISTER_SERVICE, body, Registration.Lease.class)
                .whenCompleteAsync((lease, error) -> registered(attempt, lease, error), onScheduler);
    }

    private void registered(long attempt, Registration.Lease lease, Throwable error) {
        if (closed || attempt != generation) {
            return; // superseded: a later registration replaces this lease at the registry
        }
        if (error == null) {
            leaseId = lease.leaseId();
            log.info("{}: registered {} {} at {}:{}{} (lease {}, {} s)", serviceId(), body.serviceType(),
                    body.serviceInterface(), body.host(), body.port(), body.basePath(), leaseId, lease.ttlSeconds());
            listener.registered(serviceId(), leaseId);
            firstLease.complete(leaseId);
            return;
        }
        Throwable cause = unwrap(error);
        if (cause instanceof ConnectionLostException) {
            log.debug("{}: link lost while registering; registering again once reconnected", serviceId());
            return;
        }
        log.warn("{}: registering failed ({}); trying again in {} ms", serviceId(), cause.toString(), periodMs);
        listener.failed(serviceId(), "registering failed: " + cause.getMessage());
        retry = scheduler.schedule(this::register, periodMs, TimeUnit.MILLISECONDS);
    }

    private void heartbeat() {
        if (closed || leaseId == null || heartbeatInFlight || !client.isConnected()) {
            return;
        }
        String lease = leaseId;
        heartbeatInFlight = true;
        client.request(MessageType.HEARTBEAT, new Registration.Heartbeat(lease), Registration.HeartbeatAck.class)
                .whenCompleteAsync((ack, error) -> renewed(lease, error), onScheduler);
    }

    private void renewed(String lease, Throwable error) {
        heartbeatInFlight = false;
        if (closed || !lease.equals(leaseId)) {
            return;
        }
        if (error == null) {
            log.trace("{}: lease {} renewed", serviceId(), lease);
            listener.renewed(serviceId(), lease);
            return;
        }
        Throwable cause = unwrap(error);
        if (cause instanceof RemoteException r && r.code() == ErrorCode.NOT_FOUND) {
            log.info("{}: the registry no longer knows lease {}; registering again", serviceId(), lease);
            register();
        } else if (cause instanceof ConnectionLostException) {
            log.debug("{}: heartbeat lost with the link; registering again once reconnected", serviceId());
        } else {
            log.warn("{}: heartbeat for lease {} failed: {}", serviceId(), lease, cause.toString());
            listener.failed(serviceId(), "heartbeat failed: " + cause.getMessage());
        }
    }

    /** Gives the lease back (waiting up to 2 s for the answer) and closes the link. Not from a listener. */
    @Override
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            scheduler.execute(() -> deregister(done));
        } catch (RejectedExecutionException e) {
            log.warn("{}: the scheduler has stopped, so the lease is not given back; it expires", serviceId());
            done.complete(null);
        }
        try {
            done.get(DEREGISTER_WAIT_MS + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("{}: interrupted while deregistering; the lease will expire", serviceId());
        } catch (ExecutionException | TimeoutException e) {
            log.warn("{}: deregistering did not finish; the lease will expire", serviceId(), e);
        }
        client.close();
        firstLease.completeExceptionally(new IllegalStateException("closed before registering"));
    }

    private void deregister(CompletableFuture<Void> done) {
        closed = true;
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        if (retry != null) {
            retry.cancel(false);
        }
        String lease = leaseId;
        leaseId = null;
        if (lease == null || !client.isConnected()) {
            done.complete(null);
            return;
        }
        client.request(MessageType.DEREGISTER_SERVICE, new Registration.DeregisterService(lease), Common.Empty.class,
                        Duration.ofMillis(DEREGISTER_WAIT_MS))
                .whenCompleteAsync((ok, error) -> {
                    if (error == null) {
                        log.info("{}: deregistered (lease {})", serviceId(), lease);
                        listener.deregistered(serviceId(), lease);
                    } else {
                        log.warn("{}: could not deregister lease {} ({}); it expires within {} s", serviceId(), lease,
                                unwrap(error).toString(), body.ttlSeconds());
                    }
                    done.complete(null);
                }, onScheduler);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
