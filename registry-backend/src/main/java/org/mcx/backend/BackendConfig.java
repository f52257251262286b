package org.mcx.backend;

import java.nio.file.Path;
import java.time.Duration;
import org.mcx.backend.identity.IdentityConfig;
import org.mcx.backend.store.Database;
import org.mcx.protocol.Codec;

/** Everything one backend process is started with; built by {@link Main} or by tests and the demo. */
public record BackendConfig(Path dataDir, String bindHost, int port, String systemId, String adminPassword,
                            int sasPort, Path tlsKeystore, String tlsKeystorePassword,
                            Database.Durability durability, IdentityConfig identity, int maxMessageBytes,
                            double csc14RequestsPerSecond, Duration authTimeout, String publicHost) {

    /** Loopback defaults for tests and the demo: plain ws://, cheap password hashing. */
    public static BackendConfig forTests(Path dataDir, String systemId) {
        return new BackendConfig(dataDir, "127.0.0.1", 0, systemId, "admin-password", 0, null, null,
                Database.Durability.PROCESS_CRASH, IdentityConfig.defaults().withIterations(1000),
                Codec.DEFAULT_MAX_MESSAGE_BYTES, 2000, Duration.ofSeconds(10), null);
    }

    public boolean tls() {
        return tlsKeystore != null;
    }

    /** The host name external applications use to reach this system's service access server. */
    public String publicHost() {
        if (publicHost != null) {
            return publicHost;
        }
        return bindHost.equals("0.0.0.0") || bindHost.equals("::") ? "localhost" : bindHost;
    }

    public String sasScheme() {
        return tls() ? "https" : "http";
    }

    public BackendConfig withPort(int newPort) {
        return new BackendConfig(dataDir, bindHost, newPort, systemId, adminPassword, sasPort, tlsKeystore,
                tlsKeystorePassword, durability, identity, maxMessageBytes, csc14RequestsPerSecond, authTimeout,
                publicHost);
    }

    public BackendConfig withIdentity(IdentityConfig newIdentity) {
        return new BackendConfig(dataDir, bindHost, port, systemId, adminPassword, sasPort, tlsKeystore,
                tlsKeystorePassword, durability, newIdentity, maxMessageBytes, csc14RequestsPerSecond, authTimeout,
                publicHost);
    }

    public BackendConfig withAuthTimeout(Duration timeout) {
        return new BackendConfig(dataDir, bindHost, port, systemId, adminPassword, sasPort, tlsKeystore,
                tlsKeystorePassword, durability, identity, maxMessageBytes, csc14RequestsPerSecond, timeout,
                publicHost);
    }

    public BackendConfig withCsc14Rate(double requestsPerSecond) {
        return new BackendConfig(dataDir, bindHost, port, systemId, adminPassword, sasPort, tlsKeystore,
                tlsKeystorePassword, durability, identity, maxMessageBytes, requestsPerSecond, authTimeout,
                publicHost);
    }

    @Override
    public String toString() {
        return "BackendConfig[dataDir=" + dataDir + ", bind=" + bindHost + ":" + port + ", systemId=" + systemId
                + ", sasPort=" + sasPort + ", tls=" + tls() + ", durability=" + durability + "]";
    }
}
