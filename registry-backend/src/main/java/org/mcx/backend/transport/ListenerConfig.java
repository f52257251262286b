package org.mcx.backend.transport;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the WebSocket listener is bound. TLS is used when a keystore is given; plain ws:// is
 * refused by the caller unless the address is loopback.
 */
public record ListenerConfig(String host, int port, Path keystore, String keystorePassword, int maxMessageBytes,
                             Duration authTimeout, Duration idleTimeout, double csc14RequestsPerSecond,
                             ConnectionLimits limits) {
    public boolean tls() {
        return keystore != null;
    }

    @Override
    public String toString() {
        return "ListenerConfig[host=" + host + ", port=" + port + ", tls=" + tls() + "]";
    }
}
