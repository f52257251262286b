package org.mcx.backend;

import java.nio.file.Path;
import java.time.Duration;
import org.mcx.backend.access.Transport;
import org.mcx.backend.acms.outbox.Backoff;
import org.mcx.backend.identity.IdentityConfig;
import org.mcx.backend.store.Database;
import org.mcx.backend.transport.ConnectionLimits;
import org.mcx.protocol.wire.Codec;

/** Everything one backend process is started with; built by {@link Main} or by tests and the demo. */
public record BackendConfig(Path dataDir, String bindHost, int port, String systemId, String adminPassword,
                            int sasPort, Path tlsKeystore, String tlsKeystorePassword,
                            Database.Durability durability, IdentityConfig identity, int maxMessageBytes,
                            double csc14RequestsPerSecond, Duration authTimeout, String publicHost,
                            boolean trustedDirectAccess, Backoff outboxBackoff, Transport sasTransport,
                            int sasThreads, ConnectionLimits connectionLimits) {

    /** The usual settings: every application through the SAS, partner outboxes at {@link Backoff#defaults()}. */
    public BackendConfig(Path dataDir, String bindHost, int port, String systemId, String adminPassword,
                         int sasPort, Path tlsKeystore, String tlsKeystorePassword,
                         Database.Durability durability, IdentityConfig identity, int maxMessageBytes,
                         double csc14RequestsPerSecond, Duration authTimeout, String publicHost) {
        this(dataDir, bindHost, port, systemId, adminPassword, sasPort, tlsKeystore, tlsKeystorePassword, durability,
                identity, maxMessageBytes, csc14RequestsPerSecond, authTimeout, publicHost, false, Backoff.defaults(),
                Transport.AUTO, 0, ConnectionLimits.defaults());
    }

    /** Loopback defaults for tests and the demo: plain ws://, cheap password hashing. */
    public static BackendConfig forTests(Path dataDir, String systemId) {
        return new BackendConfig(dataDir, "127.0.0.1", 0, systemId, "admin-password", 0, null, null,
                Database.Durability.PROCESS_CRASH, IdentityConfig.defaults().withIterations(1000),
                Codec.DEFAULT_MAX_MESSAGE_BYTES, 2000, Duration.ofSeconds(10), null, false,
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)), Transport.AUTO, 0, ConnectionLimits.defaults());
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
        return copy().port(newPort).build();
    }

    public BackendConfig withIdentity(IdentityConfig newIdentity) {
        return copy().identity(newIdentity).build();
    }

    public BackendConfig withAuthTimeout(Duration timeout) {
        return copy().authTimeout(timeout).build();
    }

    public BackendConfig withCsc14Rate(double requestsPerSecond) {
        return copy().csc14Rate(requestsPerSecond).build();
    }

    public BackendConfig withSasPort(int newSasPort) {
        return copy().sasPort(newSasPort).build();
    }

    public BackendConfig withDurability(Database.Durability newDurability) {
        return copy().durability(newDurability).build();
    }

    /**
     * Trusted-domain applications are given the service's own location instead of the service
     * access server's (the NOTE of 10.X.5); off by default, so every application goes through the SAS.
     */
    public BackendConfig withTrustedDirectAccess(boolean direct) {
        return copy().trustedDirectAccess(direct).build();
    }

    public BackendConfig withTls(Path keystore, String password) {
        return copy().tls(keystore, password).build();
    }

    public BackendConfig withMaxMessageBytes(int bytes) {
        return copy().maxMessageBytes(bytes).build();
    }

    public BackendConfig withAdminPassword(String password) {
        return copy().adminPassword(password).build();
    }

    /** How partner outboxes back off between attempts (ACMS). */
    public BackendConfig withOutboxBackoff(Backoff backoff) {
        return copy().outboxBackoff(backoff).build();
    }

    /** How the service access server's event loops reach the kernel, and how many there are (0: one per core). */
    public BackendConfig withSasIo(Transport transport, int threads) {
        return copy().sasIo(transport, threads).build();
    }

    /** What one WebSocket peer may cost in queued bytes and time. */
    public BackendConfig withConnectionLimits(ConnectionLimits limits) {
        return copy().connectionLimits(limits).build();
    }

    private Copy copy() {
        return new Copy(this);
    }

    /** Changes one component at a time, so that adding a component touches one place. */
    private static final class Copy {
        private Path dataDir;
        private String bindHost;
        private int port;
        private String systemId;
        private String adminPassword;
        private int sasPort;
        private Path tlsKeystore;
        private String tlsKeystorePassword;
        private Database.Durability durability;
        private IdentityConfig identity;
        private int maxMessageBytes;
        private double csc14Rate;
        private Duration authTimeout;
        private String publicHost;
        private boolean trustedDirectAccess;
        private Backoff outboxBackoff;
        private Transport sasTransport;
        private int sasThreads;
        private ConnectionLimits connectionLimits;

        Copy(BackendConfig c) {
            dataDir = c.dataDir;
            bindHost = c.bindHost;
            port = c.port;
            systemId = c.systemId;
            adminPassword = c.adminPassword;
            sasPort = c.sasPort;
            tlsKeystore = c.tlsKeystore;
            tlsKeystorePassword = c.tlsKeystorePassword;
            durability = c.durability;
            identity = c.identity;
            maxMessageBytes = c.maxMessageBytes;
            csc14Rate = c.csc14RequestsPerSecond;
            authTimeout = c.authTimeout;
            publicHost = c.publicHost;
            trustedDirectAccess = c.trustedDirectAccess;
            outboxBackoff = c.outboxBackoff;
            sasTransport = c.sasTransport;
            sasThreads = c.sasThreads;
            connectionLimits = c.connectionLimits;
        }

        Copy connectionLimits(ConnectionLimits v) {
            connectionLimits = v;
            return this;
        }

        Copy sasIo(Transport transport, int threads) {
            sasTransport = transport;
            sasThreads = threads;
            return this;
        }

        Copy outboxBackoff(Backoff v) {
            outboxBackoff = v;
            return this;
        }

        Copy port(int v) {
            port = v;
            return this;
        }

        Copy identity(IdentityConfig v) {
            identity = v;
            return this;
        }

        Copy authTimeout(Duration v) {
            authTimeout = v;
            return this;
        }

        Copy csc14Rate(double v) {
            csc14Rate = v;
            return this;
        }

        Copy sasPort(int v) {
            sasPort = v;
            return this;
        }

        Copy durability(Database.Durability v) {
            durability = v;
            return this;
        }

        Copy trustedDirectAccess(boolean v) {
            trustedDirectAccess = v;
            return this;
        }

        Copy tls(Path keystore, String password) {
            tlsKeystore = keystore;
            tlsKeystorePassword = password;
            return this;
        }

        Copy maxMessageBytes(int v) {
            maxMessageBytes = v;
            return this;
        }

        Copy adminPassword(String v) {
            adminPassword = v;
            return this;
        }

        BackendConfig build() {
            return new BackendConfig(dataDir, bindHost, port, systemId, adminPassword, sasPort, tlsKeystore,
                    tlsKeystorePassword, durability, identity, maxMessageBytes, csc14Rate, authTimeout, publicHost,
                    trustedDirectAccess, outboxBackoff, sasTransport, sasThreads, connectionLimits);
        }
    }

    @Override
    public String toString() {
        return "BackendConfig[dataDir=" + dataDir + ", bind=" + bindHost + ":" + port + ", systemId=" + systemId
                + ", sasPort=" + sasPort + ", tls=" + tls() + ", durability=" + durability + "]";
    }
}
