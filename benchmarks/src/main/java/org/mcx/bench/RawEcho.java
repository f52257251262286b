package org.mcx.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Sequential round trips of the baseline: a raw client and the raw Jetty echo. */
final class RawEcho implements AutoCloseable {
    private final List<RawClient> clients = new ArrayList<>();
    private final RawServer server;

    RawEcho(RawServer server) {
        this.server = server;
    }

    /** A step that echoes a frame of {@code bytes} bytes on a new connection. */
    RoundTrips.Step step(int bytes, Duration watchdog) throws Exception {
        RawClient client = RawClient.sequential(server.uri(RawServer.ECHO));
        clients.add(client);
        String frame = text(bytes);
        return () -> {
            try {
                if (client.roundTrip(frame, watchdog).length() != frame.length()) {
                    throw new IllegalStateException("the echo differs from what was sent");
                }
            } catch (java.util.concurrent.TimeoutException e) {
                client.drain();
                throw e;
            }
        };
    }

    /** An ASCII text frame of exactly {@code bytes} bytes. */
    static String text(int bytes) {
        return "x".repeat(Math.max(1, bytes));
    }

    @Override
    public void close() {
        clients.forEach(RawClient::close);
    }
}
