package org.mcx.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/**
 * An external application as the service access server sees it: a trusted application authorized
 * for GM/CSC-2 for one user, that user's token, and plain HTTP/1.1 requests with it.
 */
final class SasClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final ProtocolClient application;
    private final String user;
    private final String password;
    private final URI sasBase;
    private final String requestPath;
    private ApplicationProfile profile;
    private String token;

    private SasClient(ProtocolClient application, String user, String password, URI sasBase, String requestPath) {
        this.application = application;
        this.user = user;
        this.password = password;
        this.sasBase = sasBase;
        this.requestPath = requestPath;
    }

    /** Creates an application, authorizes it for GM/CSC-2 for {@code user} and gets a user token. */
    static SasClient authorize(BenchBackend backend, String name, String user, String password, URI sasBase,
                               String requestPath) throws Exception {
        Console.ApplicationCreated app = backend.createApplication(name);
        ProtocolClient client = backend.connect(backend.builder(Endpoint.CSC14,
                Authenticator.application(app.applicationId(), app.secret())).name("bench-" + name));
        SasClient c = new SasClient(client, user, password, sasBase, requestPath);
        c.authorizeAgain();
        c.renewToken();
        return c;
    }

    /** A (new) GM/CSC-2 profile for this application and user. */
    ApplicationProfile authorizeAgain() throws Exception {
        Csc14.AuthorizationResult r = application.call(MessageType.UPDATE_AUTHORIZATION, new Csc14.UpdateAuthorization(user,
                Csc14.RequestType.AUTHORIZE, List.of(new ServiceRef(ServiceType.GM, "CSC-2")), null),
                Csc14.AuthorizationResult.class);
        if (r.result() != Common.Result.SUCCESS || r.applicationProfiles().isEmpty()) {
            throw new IllegalStateException("authorization refused: " + r.reason());
        }
        profile = r.applicationProfiles().get(0);
        return profile;
    }

    void renewToken() throws Exception {
        token = application.call(MessageType.AUTH_USER, new Auth.UserLogin(user, password), Auth.UserToken.class).userToken();
    }

    ApplicationProfile profile() {
        return profile;
    }

    String token() {
        return token;
    }

    /** The path wrk requests: {@code /services/{applicationProfileId}/groups}. */
    String path() {
        return "/services/" + profile.applicationProfileId() + requestPath;
    }

    /** One GET through the service access server; the status, or -1 if it could not be sent. */
    int status() {
        HttpRequest request = HttpRequest.newBuilder(sasBase.resolve(path())).timeout(Duration.ofSeconds(2))
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** One GET's body, to say why a request was refused. */
    String body() {
        HttpRequest request = HttpRequest.newBuilder(sasBase.resolve(path())).timeout(Duration.ofSeconds(2))
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    /**
     * Asks again and again (each request is itself the wait, bounded in count and time) until a GET
     * answers {@code wanted}: the first refusal is the moment being measured, so no pause in between.
     */
    void awaitStatus(int wanted, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        int last = 0;
        for (int i = 0; i < 100_000 && System.nanoTime() < deadline; i++) {
            last = status();
            if (last == wanted) {
                return;
            }
        }
        throw new IllegalStateException("expected " + wanted + " from " + path() + " within " + max + ", last " + last
                + ": " + body());
    }
}
