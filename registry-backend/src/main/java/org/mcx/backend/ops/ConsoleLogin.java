package org.mcx.backend.ops;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.PinnedCertificate;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import picocli.CommandLine.Option;

/** The options of a command that logs in to a running server on /acmc as a console would, and that log-in. */
final class ConsoleLogin {
    @Option(names = "--url", required = true, description = "The server's base URL, e.g. wss://registry.example:8443.")
    URI url;

    @Option(names = "--user", defaultValue = "admin", description = "User name. Default: ${DEFAULT-VALUE}.")
    String user;

    @Option(names = "--password-file", required = true, description = "File holding the password.")
    Path passwordFile;

    @Option(names = "--fingerprint",
            description = "Trust the server's certificate with this SHA-256 fingerprint (as the server logs it) instead of the JVM's trust.")
    String fingerprint;

    @Option(names = "--timeout", defaultValue = "15", description = "Seconds to wait for each answer. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    /** Connected and logged in; never reconnects, so a failure is the caller's answer. */
    ProtocolClient connect() throws Exception {
        var builder = ProtocolClient.builder(url, Endpoint.ACMC)
                .authenticator(Authenticator.login(user, Files.readString(passwordFile).strip()))
                .reconnect(ReconnectPolicy.disabled())
                .connectTimeout(Duration.ofSeconds(timeoutSeconds));
        if (fingerprint != null) {
            builder.sslContext(PinnedCertificate.trusting(fingerprint));
        }
        ProtocolClient client = builder.build();
        try {
            client.connect().get(timeoutSeconds, TimeUnit.SECONDS);
            return client;
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    /** Ends the session at once, so that no token is left behind that could be resumed. */
    void logout(ProtocolClient client) throws Exception {
        client.logout().get(timeoutSeconds, TimeUnit.SECONDS);
    }
}
