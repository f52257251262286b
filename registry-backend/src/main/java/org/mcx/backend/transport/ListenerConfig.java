package org.mcx.backend.transport;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the WebSocket listener is bound and what it lets a peer do. TLS is used when a keystore is
 * given; plain ws:// is refused by the caller unless the address is loopback.
 *
 * @param maxMessageBytes         the largest message read or written (TOO_LARGE beyond)
 * @param authTimeout             how long a connection may stay unauthenticated
 * @param idleTimeout             how long a connection may stay silent
 * @param csc14RequestsPerSecond  an application connection's rate once authenticated (0: none)
 * @param limits                  what a peer may cost in queued bytes and time
 */
public record ListenerConfig(String host, int port, Path keystore, String keystorePassword, int maxMessageBytes,
                             Duration authTimeout, Duration idleTimeout, double csc14RequestsPerSecond,
                             ConnectionLimits limits) {
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

    public boolean tls() {
        return keystore != null;
    }

    public ListenerConfig withPort(int newPort) {
        return new ListenerConfig(host, newPort, keystore, keystorePassword, maxMessageBytes, authTimeout, idleTimeout,
                csc14RequestsPerSecond, limits);
    }

    public ListenerConfig withTls(Path newKeystore, String newPassword) {
        return new ListenerConfig(host, port, newKeystore, newPassword, maxMessageBytes, authTimeout, idleTimeout,
                csc14RequestsPerSecond, limits);
    }

    public ListenerConfig withMaxMessageBytes(int bytes) {
        return new ListenerConfig(host, port, keystore, keystorePassword, bytes, authTimeout, idleTimeout,
                csc14RequestsPerSecond, limits);
    }

    public ListenerConfig withAuthTimeout(Duration timeout) {
        return new ListenerConfig(host, port, keystore, keystorePassword, maxMessageBytes, timeout, idleTimeout,
                csc14RequestsPerSecond, limits);
    }

    public ListenerConfig withCsc14Rate(double requestsPerSecond) {
        return new ListenerConfig(host, port, keystore, keystorePassword, maxMessageBytes, authTimeout, idleTimeout,
                requestsPerSecond, limits);
    }

    public ListenerConfig withLimits(ConnectionLimits newLimits) {
        return new ListenerConfig(host, port, keystore, keystorePassword, maxMessageBytes, authTimeout, idleTimeout,
                csc14RequestsPerSecond, newLimits);
    }

    @Override
    public String toString() {
        return "ListenerConfig[host=" + host + ", port=" + port + ", tls=" + tls() + "]";
    }
}
