package org.mcx.example;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token for the service access server ({@code auth.user}, R-5.18.2-004), renewed well
 * before it expires, and at once (at most every 10 s) when the service access server says 401.
 * Lives on the application's thread.
 */
final class ExampleUserToken {
    private static final Logger log = LoggerFactory.getLogger(ExampleUserToken.class);
    private static final Duration RETRY = Duration.ofSeconds(10);
    private static final Duration MIN_MARGIN = Duration.ofSeconds(30);

    private final ProtocolClient registry;
    private final String mcServiceId;
    private final String password;
    private final ScheduledExecutorService executor;
    private final Executor onExecutor;
    private final ExampleListener emit;
    private volatile String token;
    private Instant lastAttempt = Instant.EPOCH;
    private ScheduledFuture<?> renewal;

    ExampleUserToken(ProtocolClient registry, String mcServiceId, String password, ScheduledExecutorService executor,
                     Executor onExecutor, ExampleListener emit) {
        this.registry = registry;
        this.mcServiceId = mcServiceId;
        this.password = password;
        this.executor = executor;
        this.onExecutor = onExecutor;
        this.emit = emit;
    }

    /** The token to send, or null before the first {@code auth.user} succeeded. */
    String current() {
        return token;
    }

    /** {@code auth.user}; on success the renewal is scheduled. */
    CompletableFuture<Void> authenticate() {
        lastAttempt = Instant.now();
        return registry.request(MessageType.AUTH_USER, new Auth.UserLogin(mcServiceId, password), Auth.UserToken.class)
                .thenAcceptAsync(t -> {
                    token = t.userToken();
                    Duration delay = renewalDelay(Instant.now(), t.expiresAt());
                    log.info("user token for {} valid until {}; renewing in {} s", mcServiceId, t.expiresAt(),
                            delay.toSeconds());
                    emit.on(new ExampleEvent.UserAuthenticated(mcServiceId, t.expiresAt()));
                    scheduleRenewal(delay);
                }, onExecutor);
    }

    /** After a 401: renew now, unless that was just tried. */
    void renewSoon() {
        if (lastAttempt.plus(RETRY).isBefore(Instant.now())) {
            renew();
        }
    }

    private void renew() {
        authenticate().whenCompleteAsync((ok, error) -> {
            if (error != null) {
                String message = "renewing the user token failed: " + ExampleErrors.describe(error);
                log.warn("{}; trying again in {} s", message, RETRY.toSeconds());
                emit.on(new ExampleEvent.Error(message));
                scheduleRenewal(RETRY);
            }
        }, onExecutor);
    }

    private void scheduleRenewal(Duration delay) {
        if (renewal != null) {
            renewal.cancel(false);
        }
        renewal = executor.schedule(this::renew, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Renew when a tenth of the remaining lifetime (at least 30 s) is left; never sooner than 1 s from now. */
    static Duration renewalDelay(Instant now, Instant expiresAt) {
        Duration left = Duration.between(now, expiresAt);
        Duration margin = left.dividedBy(10).compareTo(MIN_MARGIN) > 0 ? left.dividedBy(10) : MIN_MARGIN;
        Duration delay = left.minus(margin);
        return delay.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : delay;
    }
}
