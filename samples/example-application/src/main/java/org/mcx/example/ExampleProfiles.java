package org.mcx.example;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceLocation;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's profiles and 10.X.4: on {@code notifyApplicationProfile} acknowledge, fetch
 * the profile and reconfigure (a deleted profile answers NOT_FOUND and is dropped). Notifications
 * come at least once and answers may overtake each other, so a fetch never replaces a newer
 * version. Lives on the application's thread, except {@link #current()}.
 */
final class ExampleProfiles {
    private static final Logger log = LoggerFactory.getLogger(ExampleProfiles.class);
    private static final int FETCH_ATTEMPTS = 5;

    private final ProtocolClient registry;
    private final ScheduledExecutorService executor;
    private final Executor onExecutor;
    private final Duration retryEvery;
    private final ExampleListener emit;
    private final Map<String, ApplicationProfile> profiles = new LinkedHashMap<>();
    private volatile List<ApplicationProfile> current = List.of();

    ExampleProfiles(ProtocolClient registry, ScheduledExecutorService executor, Executor onExecutor,
                    Duration retryEvery, ExampleListener emit) {
        this.registry = registry;
        this.executor = executor;
        this.onExecutor = onExecutor;
        this.retryEvery = retryEvery;
        this.emit = emit;
    }

    /** The profiles now, from any thread. */
    List<ApplicationProfile> current() {
        return current;
    }

    boolean contains(String applicationProfileId) {
        return profiles.containsKey(applicationProfileId);
    }

    /** 10.X.3 step 5 answered {@code success}: these are all the application's profiles. */
    void replaceAll(List<ApplicationProfile> granted) {
        profiles.clear();
        granted.forEach(p -> profiles.put(p.applicationProfileId(), p));
        log.info("authorized at once for {}", granted.stream().map(p -> label(p.authorizedService())).toList());
        changed(null);
    }

    /**
     * On the client's thread: only hops. The acknowledgement (step 3) is sent from the application's
     * thread just before the fetch (step 4), so it goes out first.
     */
    CompletionStage<Common.ResultBody> notified(Csc14.NotifyApplicationProfile n) {
        CompletableFuture<Common.ResultBody> ack = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                ack.complete(Common.ResultBody.success());
                fetch(n.applicationProfileId(), n.version(), 1);
            });
        } catch (RejectedExecutionException e) {
            // Closing: left unacknowledged, so the registry sends it again next time.
            log.debug("closed; notification for {} left unacknowledged", n.applicationProfileId());
            ack.complete(new Common.ResultBody(Common.Result.FAILURE));
        }
        return ack;
    }

    /** Steps 4-6. */
    private void fetch(String id, long version, int attempt) {
        log.info("profile {} changed (version {}); fetching it", id, version);
        registry.request(MessageType.GET_APPLICATION_PROFILE, new Csc14.GetApplicationProfile(id, null),
                        Csc14.ApplicationProfileResult.class)
                .whenCompleteAsync((result, error) -> {
                    if (error == null && result.applicationProfile() != null) {
                        reconfigure(result.applicationProfile());
                    } else if (ExampleErrors.isNotFound(error)) {
                        drop(id, version);
                    } else if (attempt < FETCH_ATTEMPTS) {
                        log.warn("fetching profile {} failed ({}); trying again", id, ExampleErrors.describe(error));
                        executor.schedule(() -> fetch(id, version, attempt + 1), retryEvery.toMillis(),
                                TimeUnit.MILLISECONDS);
                    } else {
                        String message = "could not fetch profile " + id + ": " + ExampleErrors.describe(error);
                        log.error(message);
                        emit.on(new ExampleEvent.Error(message));
                    }
                }, onExecutor);
    }

    private void reconfigure(ApplicationProfile fetched) {
        String id = fetched.applicationProfileId();
        ApplicationProfile known = profiles.get(id);
        if (known != null && known.version() != null && fetched.version() < known.version()) {
            return; // an answer overtaken by a newer one
        }
        profiles.put(id, fetched);
        log.info("profile {} is version {}: {} at {}", id, fetched.version(), label(fetched.authorizedService()),
                url(fetched));
        changed(new ExampleEvent.ProfileChanged(id, fetched.version(), fetched));
    }

    private void drop(String id, long version) {
        profiles.remove(id);
        log.info("profile {} was removed; no longer calling it", id);
        changed(new ExampleEvent.ProfileChanged(id, version, null));
    }

    /** {@link #current()} shows the change before anyone hears of it. */
    private void changed(ExampleEvent.ProfileChanged change) {
        current = List.copyOf(profiles.values());
        if (change != null) {
            emit.on(change);
        }
        emit.on(new ExampleEvent.Configured(current));
    }

    static String label(ServiceRef service) {
        return service.serviceType() + "/" + service.serviceInterface();
    }

    /** Where a profile's service is reached, as a URL for people to read. */
    static String url(ApplicationProfile p) {
        ServiceLocation at = p.serviceLocation();
        return at == null ? "(no location)" : at.scheme() + "://" + at.host() + ":" + at.port() + at.basePath();
    }
}
