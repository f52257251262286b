package org.mcx.bench;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.Codec;
import org.mcx.protocol.wire.MessageType;

/**
 * A raw client of the real backend: authenticates with a hand-made frame, then sends one
 * pre-encoded request at a time and waits for the next frame. It has none of the client library's
 * work (no dispatcher thread, no decoding), so next to the library's figure it shows which share of
 * a round trip is the server's.
 */
final class RawBackendClient implements AutoCloseable {
    private final RawClient client;

    private RawBackendClient(RawClient client) {
        this.client = client;
    }

    static RawBackendClient csc14(URI base, Codec codec, Console.ApplicationCreated app) throws Exception {
        RawClient client = RawClient.sequential(URI.create(base + "/csc14"));
        String reply = client.roundTrip(codec.request("auth-1", MessageType.AUTH_APPLICATION,
                new Auth.ApplicationLogin(app.applicationId(), app.secret())), Duration.ofSeconds(10));
        if (reply.contains("\"error\"")) {
            client.close();
            throw new IllegalStateException("raw authentication failed: " + reply);
        }
        return new RawBackendClient(client);
    }

    /** Sends {@code frame} (a request with a fixed id: only one is ever unanswered) and awaits the answer. */
    RoundTrips.Step step(String frame, Duration watchdog) {
        return () -> {
            String reply;
            try {
                reply = client.roundTrip(frame, watchdog);
            } catch (TimeoutException e) {
                client.drain();
                throw e;
            }
            if (reply.contains("\"type\":\"error\"")) {
                throw new IllegalStateException("the backend answered an error: " + reply);
            }
        };
    }

    @Override
    public void close() {
        client.close();
    }
}
