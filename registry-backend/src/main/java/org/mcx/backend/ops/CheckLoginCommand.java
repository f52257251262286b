package org.mcx.backend.ops;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.PinnedCertificate;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import org.mcx.protocol.message.Auth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Logs in to a running server on /acmc over the real protocol, as the console does, and says who
 * it logged in as: the installer's smoke test and an operator's "is it up, and does my password
 * work" after install or restore. Exit code 0 only when the login succeeded.
 */
@Command(name = "check-login", mixinStandardHelpOptions = true,
        description = "Logs in to a running server as a console would, then logs out.")
public final class CheckLoginCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, description = "The server's base URL, e.g. wss://registry.example:8443.")
    URI url;

    @Option(names = "--user", defaultValue = "admin", description = "User name. Default: ${DEFAULT-VALUE}.")
    String user;

    @Option(names = "--password-file", required = true, description = "File holding the password.")
    Path passwordFile;

    @Option(names = "--fingerprint",
            description = "Trust the server's certificate with this SHA-256 fingerprint (as the server logs it) instead of the JVM's trust.")
    String fingerprint;

    @Option(names = "--timeout", defaultValue = "15", description = "Seconds to wait for the login. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        var builder = ProtocolClient.builder(url, Endpoint.ACMC)
                .authenticator(Authenticator.login(user, Files.readString(passwordFile).strip()))
                .reconnect(ReconnectPolicy.disabled())
                .connectTimeout(Duration.ofSeconds(timeoutSeconds));
        if (fingerprint != null) {
            builder.sslContext(PinnedCertificate.trusting(fingerprint));
        }
        try (ProtocolClient client = builder.build()) {
            client.connect().get(timeoutSeconds, TimeUnit.SECONDS);
            Auth.UserInfo who = client.session().orElseThrow().user();
            spec.commandLine().getOut().println("logged in to " + url + " as " + who.mcServiceId() + " " + who.roles());
            // The session is revoked at once: a check leaves no token behind that could be resumed.
            client.logout().get(timeoutSeconds, TimeUnit.SECONDS);
            spec.commandLine().getOut().println("logged out");
            return 0;
        } catch (ExecutionException e) {
            // The answer an operator needs is the cause (refused login, unreachable, untrusted certificate).
            spec.commandLine().getErr().println("login to " + url + " as " + user + " failed: " + e.getCause().getMessage());
            return 1;
        } catch (TimeoutException e) {
            spec.commandLine().getErr().println("login to " + url + " as " + user + " failed: no answer within "
                    + timeoutSeconds + " s");
            return 1;
        }
    }
}
