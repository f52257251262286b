package org.mcx.backend.access;

import java.nio.file.Path;
import java.time.Duration;

/** How a service access server node listens and defends itself; defaults suit one machine. */
public record AccessConfig(String host, int port, Path keystore, String keystorePassword, int maxHeaderBytes,
                           long maxBodyBytes, Duration idleTimeout,
                           int maxConnectionsPerAddress, int maxInFlight, double requestsPerSecondPerApplication,
                           double requestsPerSecondPerUser, Duration upstreamTimeout, Duration staleAfter) {

    public static AccessConfig defaults(String host, int port) {
        return new AccessConfig(host, port, null, null, 8 * 1024, 1024 * 1024, Duration.ofSeconds(30),
                256, 4096, 1000, 200, Duration.ofSeconds(15), Duration.ofSeconds(2));
    }

    public AccessConfig withTls(Path keystorePath, String password) {
        return new AccessConfig(host, port, keystorePath, password, maxHeaderBytes, maxBodyBytes, idleTimeout,
                maxConnectionsPerAddress, maxInFlight, requestsPerSecondPerApplication,
                requestsPerSecondPerUser, upstreamTimeout, staleAfter);
    }

    public AccessConfig withLimits(int inFlight, double perApplication, double perUser) {
        return new AccessConfig(host, port, keystore, keystorePassword, maxHeaderBytes, maxBodyBytes, idleTimeout,
                maxConnectionsPerAddress, inFlight, perApplication, perUser, upstreamTimeout,
                staleAfter);
    }

    public AccessConfig withTimeouts(Duration idle, Duration upstream) {
        return new AccessConfig(host, port, keystore, keystorePassword, maxHeaderBytes, maxBodyBytes, idle,
                maxConnectionsPerAddress, maxInFlight, requestsPerSecondPerApplication,
                requestsPerSecondPerUser, upstream, staleAfter);
    }

    @Override
    public String toString() {
        return "AccessConfig[" + host + ":" + port + ", tls=" + (keystore != null) + "]";
    }
}
