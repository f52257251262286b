package org.mcx.example;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ClientBuilder;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceQuery;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * An external application, written only against shared-protocol's client and {@code java.net.http}
 * so that an application developer can copy it (with the other {@code Example*} classes). It walks
 * TS 23.280 10.X.3 to 10.X.5:
 *
 * <ol>
 * <li>authenticates on /csc14 as the application, then as the MC service user it acts for
 *     ({@code auth.user}: the bearer token for the service access server, renewed before it expires);
 * <li>discovers the services ({@code getServiceInformation}) and asks to be authorized for the ones
 *     it wants ({@code updateExternalApplicationAuthorization}); if that is pending, it waits for
 *     {@code notifyApplicationProfile};
 * <li>on every notification acknowledges, fetches the profile ({@code getApplicationProfile}) and
 *     reconfigures: a new or changed profile is called from now on, a deleted one no longer;
 * <li>every interval calls each profile's {@code serviceLocation} with the token and
 *     {@code MC-Priority}, and reports status and latency.
 * </ol>
 *
 * <p>All its state lives on one thread of its own; the client's callbacks and HTTP completions
 * only hop onto it, so nothing here blocks them.
 */
public final class ExampleApplication implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExampleApplication.class);

    private final ExampleConfig config;
    private final ExampleListener listener;
    private final ScheduledExecutorService executor;
    private final Executor onExecutor;
    private final ProtocolClient registry;
    private final ExampleCaller caller;
    private final ExampleUserToken token;
    private final ExampleProfiles profiles;
    private final AtomicBoolean starting = new AtomicBoolean();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    // Owned by the executor's thread.
    private final Set<String> inFlight = new HashSet<>();
    private final Set<String> failing = new HashSet<>();
    private volatile boolean closed;

    public ExampleApplication(ExampleConfig config, ExampleListener listener) {
        this.config = config;
        this.listener = listener;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "example-app-" + config.applicationId());
            t.setDaemon(true);
            return t;
        });
        this.onExecutor = task -> {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                log.debug("closed; a late callback is dropped");
            }
        };
        ClientBuilder builder = ProtocolClient.builder(config.registries(), Endpoint.CSC14)
                .authenticator(Authenticator.application(config.applicationId(), config.secret()))
                .name("example-" + config.applicationId())
                .retryFirstConnect(true)
                .handleAsync(MessageType.NOTIFY_APPLICATION_PROFILE, Csc14.NotifyApplicationProfile.class,
                        this::notified);
        if (config.sslContext() != null) {
            builder.sslContext(config.sslContext());
        }
        this.registry = builder.build();
        this.profiles = new ExampleProfiles(registry, executor, onExecutor, config.interval(), this::emit);
        this.caller = new ExampleCaller(config.priority(), config.sslContext());
        this.token = new ExampleUserToken(registry, config.mcServiceId(), config.password(), executor, onExecutor,
                this::emit);
    }

    /** Runs the example from the command line; {@code --help} lists the options. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ExampleCommand()).execute(args));
    }

    /**
     * Connects, authenticates, discovers and asks to be authorized. Completes when that is done
     * (configured, or pending an administrator's decision); fails if the registry refuses.
     */
    public CompletableFuture<Void> start() {
        if (!starting.compareAndSet(false, true)) {
            return started;
        }
        onExecutor.execute(() -> registry.connect()
                .thenComposeAsync(ok -> connected(), onExecutor)
                .thenComposeAsync(ok -> registry.request(MessageType.GET_SERVICE_INFORMATION,
                        new Csc14.GetServiceInformation(config.mcServiceId(), ServiceQuery.all()),
                        Csc14.ServiceInformation.class), onExecutor)
                .thenComposeAsync(this::authorize, onExecutor)
                .whenCompleteAsync((ok, error) -> {
                    if (error != null) {
                        fail("could not configure the application", error);
                        started.completeExceptionally(error);
                        return;
                    }
                    long ms = config.interval().toMillis();
                    executor.scheduleWithFixedDelay(this::callAll, 0, ms, TimeUnit.MILLISECONDS);
                    started.complete(null);
                }, onExecutor));
        return started;
    }

    /** The profiles being called now. */
    public List<ApplicationProfile> profiles() {
        return profiles.current();
    }

    /** On the client's thread (see {@link ExampleProfiles#notified}). */
    private CompletionStage<Common.ResultBody> notified(Csc14.NotifyApplicationProfile n) {
        return profiles.notified(n);
    }

    private CompletableFuture<Void> connected() {
        String name = registry.authentication().filter(Auth.ApplicationSession.class::isInstance)
                .map(s -> ((Auth.ApplicationSession) s).name()).orElse(config.applicationId());
        log.info("connected to {} as application {} ({})", registry.uri(), config.applicationId(), name);
        emit(new ExampleEvent.Connected(config.applicationId(), name));
        return token.authenticate();
    }

    /** 10.X.3 steps 3-5, for the configured services that discovery offered (and, with a warning, the rest). */
    private CompletionStage<Void> authorize(Csc14.ServiceInformation info) {
        List<ServiceRef> offered = info.services() == null ? List.of()
                : info.services().stream().map(c -> new ServiceRef(c.serviceType(), c.serviceInterface())).toList();
        log.info("discovered {} service(s) for {}: {}", offered.size(), config.mcServiceId(),
                offered.stream().map(ExampleProfiles::label).toList());
        emit(new ExampleEvent.Discovered(info.services() == null ? List.of() : info.services()));
        List<ServiceRef> missing = config.services().stream().filter(s -> !offered.contains(s)).toList();
        if (!missing.isEmpty()) {
            log.warn("not offered now, asking anyway (they may register later): {}",
                    missing.stream().map(ExampleProfiles::label).toList());
        }
        Csc14.UpdateAuthorization ask = new Csc14.UpdateAuthorization(config.mcServiceId(),
                Csc14.RequestType.AUTHORIZE, config.services(), null);
        return registry.request(MessageType.UPDATE_AUTHORIZATION, ask, Csc14.AuthorizationResult.class)
                .thenAcceptAsync(result -> {
                    switch (result.result()) {
                        case SUCCESS -> profiles.replaceAll(result.applicationProfiles() == null ? List.of()
                                : result.applicationProfiles());
                        case PENDING -> {
                            log.info("authorization pending: {}", result.reason());
                            emit(new ExampleEvent.AuthorizationPending(result.reason()));
                        }
                        case FAILURE -> throw new IllegalStateException("authorization refused: " + result.reason());
                    }
                }, onExecutor);
    }

    /** 10.X.5: one call per profile; a profile whose previous call is still out waits for the next round. */
    private void callAll() {
        String bearer = token.current();
        if (bearer == null) {
            return;
        }
        for (ApplicationProfile p : profiles.current()) {
            if (inFlight.add(p.applicationProfileId())) {
                caller.call(p, config.mcServiceId(), bearer)
                        .whenCompleteAsync((outcome, error) -> called(p, outcome), onExecutor);
            }
        }
    }

    private void called(ApplicationProfile p, ExampleCaller.Outcome outcome) {
        String id = p.applicationProfileId();
        inFlight.remove(id);
        if (!profiles.contains(id)) {
            return; // deleted while the call was out: no longer ours to report
        }
        String service = ExampleProfiles.label(p.authorizedService());
        // Said once when a service becomes unreachable and once when it answers again, not every round.
        if (outcome.status() == 0) {
            if (failing.add(id)) {
                log.warn("{} at {} unreachable ({}); trying again every {} ms", service, ExampleProfiles.url(p),
                        outcome.failure(), config.interval().toMillis());
            }
        } else if (failing.remove(id)) {
            log.info("{} answers again ({})", service, outcome.status());
        }
        if (outcome.status() == 401) {
            token.renewSoon(); // expired or revoked since: get a fresh one
        }
        log.debug("{} -> {} in {} ms", service, outcome.status(), outcome.latencyMs());
        emit(new ExampleEvent.Called(id, p.authorizedService(), outcome.status(), outcome.latencyMs(),
                outcome.failure()));
    }

    private void fail(String what, Throwable error) {
        String message = what + ": " + ExampleErrors.describe(error);
        if (ExampleErrors.expected(error)) {
            log.error(message);
        } else {
            log.error(message, ExampleErrors.unwrap(error));
        }
        emit(new ExampleEvent.Error(message));
    }

    private void emit(ExampleEvent event) {
        if (closed) {
            return;
        }
        try {
            listener.on(event);
        } catch (RuntimeException e) {
            log.error("the listener failed on {}", event.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        registry.close();
        executor.shutdownNow();
        started.completeExceptionally(new IllegalStateException("closed"));
        log.info("application {} stopped", config.applicationId());
    }
}
