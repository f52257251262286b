package org.mcx.example;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.ServiceType;

/**
 * How the example application runs: where the registry is, who it is, whom it acts for, which
 * services it asks for, how often it calls them and with which priority.
 *
 * @param registries the registry's WebSocket base, e.g. {@code ws://127.0.0.1:8080}, or every node's
 *                   when several serve it: the application moves to the next when its node is lost
 * @param sslContext trust for a {@code wss://} registry and {@code https://} service access server
 *                   with a self-signed certificate; null for the JVM's default trust
 */
public record ExampleConfig(List<URI> registries, String applicationId, String secret, String mcServiceId, String password,
                            List<ServiceRef> services, Duration interval, String priority, SSLContext sslContext) {

    public static final List<ServiceRef> DEFAULT_SERVICES = List.of(new ServiceRef(ServiceType.GM, "CSC-2"),
            new ServiceRef(ServiceType.MCPTT, "MCPTT-1"));
    /** R-5.18.2-003: the values of {@code MC-Priority}. */
    public static final Set<String> PRIORITIES = Set.of("normal", "imminent-peril", "emergency");

    public ExampleConfig {
        registries = List.copyOf(registries);
        if (registries.isEmpty()) {
            throw new IllegalArgumentException("give the registry's address");
        }
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(mcServiceId, "mcServiceId");
        Objects.requireNonNull(password, "password");
        services = List.copyOf(services);
        if (services.isEmpty()) {
            throw new IllegalArgumentException("ask for at least one service");
        }
        if (interval.toMillis() < 10) {
            throw new IllegalArgumentException("interval must be at least 10 ms, got " + interval);
        }
        if (!PRIORITIES.contains(priority)) {
            throw new IllegalArgumentException("priority must be one of " + PRIORITIES + ", got " + priority);
        }
    }

    /** The defaults: GM and MCPTT, every 3 s, normal priority, the JVM's trust. */
    public static ExampleConfig of(URI registry, String applicationId, String secret, String mcServiceId,
                                   String password) {
        return new ExampleConfig(List.of(registry), applicationId, secret, mcServiceId, password, DEFAULT_SERVICES,
                Duration.ofSeconds(3), "normal", null);
    }

    public ExampleConfig withServices(List<ServiceRef> newServices) {
        return new ExampleConfig(registries, applicationId, secret, mcServiceId, password, newServices, interval,
                priority, sslContext);
    }

    public ExampleConfig withInterval(Duration newInterval) {
        return new ExampleConfig(registries, applicationId, secret, mcServiceId, password, services, newInterval,
                priority, sslContext);
    }

    public ExampleConfig withPriority(String newPriority) {
        return new ExampleConfig(registries, applicationId, secret, mcServiceId, password, services, interval,
                newPriority, sslContext);
    }

    public ExampleConfig withSslContext(SSLContext context) {
        return new ExampleConfig(registries, applicationId, secret, mcServiceId, password, services, interval,
                priority, context);
    }

    @Override
    public String toString() {
        return "ExampleConfig[registries=" + registries + ", applicationId=" + applicationId + ", secret=***, mcServiceId="
                + mcServiceId + ", password=***, services=" + services.stream().map(ExampleProfiles::label).toList()
                + ", interval=" + interval + ", priority="
                + priority + "]";
    }
}
