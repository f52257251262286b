package org.mcx.example;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLContext;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceLocation;
import org.mcx.protocol.model.ServiceType;

/**
 * 10.X.5 step 1: one request to a service through the service access server, at the location the
 * application profile gives, with the user token and the priority. Never throws and never fails
 * its future: an unreachable server is an outcome (status 0) like any other.
 */
final class ExampleCaller {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The HTTP status (0 when no answer came), how long it took, and why it failed if it did. */
    record Outcome(int status, long latencyMs, String failure) {
    }

    private final HttpClient http;
    private final String priority;

    ExampleCaller(String priority, SSLContext sslContext) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.http = builder.build();
        this.priority = priority;
    }

    CompletableFuture<Outcome> call(ApplicationProfile profile, String mcServiceId, String userToken) {
        long start = System.nanoTime();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(target(profile, mcServiceId)).timeout(TIMEOUT).GET()
                    .header("Authorization", "Bearer " + userToken)
                    .header("MC-Priority", priority)
                    .header("Accept", "application/json")
                    .build();
        } catch (IllegalArgumentException | URISyntaxException e) {
            return CompletableFuture.completedFuture(new Outcome(0, 0, "bad service location: " + e.getMessage()));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    return error == null ? new Outcome(response.statusCode(), ms, null) : new Outcome(0, ms, describe(error));
                });
    }

    /** {scheme}://{host}:{port}{basePath} from the profile, then a read-only request of the service's interface. */
    static URI target(ApplicationProfile profile, String mcServiceId) throws URISyntaxException {
        ServiceLocation at = profile.serviceLocation();
        if (at == null) {
            throw new URISyntaxException("(none)", "the profile has no service location");
        }
        String base = at.basePath() == null ? "" : at.basePath();
        return new URI(at.scheme(), null, at.host(), at.port(), base + pathFor(profile.authorizedService().serviceType(),
                mcServiceId), null, null);
    }

    /** What the example asks each kind of service (the sample servers serve these). */
    static String pathFor(ServiceType type, String mcServiceId) {
        return switch (type) {
            case GM -> "/groups";
            case CM -> "/configuration/users/" + mcServiceId;
            case IDM -> "/identity/userinfo";
            case MCPTT, MCVIDEO, MCDATA, KM -> "/capabilities";
        };
    }

    private static String describe(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
