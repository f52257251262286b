package org.mcx.backend;

import java.nio.file.Path;
import java.time.Duration;
import org.mcx.access.Transport;
import org.mcx.backend.acms.outbox.Backoff;
import org.mcx.backend.identity.IdentityConfig;
import org.mcx.backend.monitoring.OpsSettings;
import org.mcx.backend.store.Database;
import org.mcx.backend.store.StoreConfig;
import org.mcx.backend.transport.ConnectionLimits;
import org.mcx.backend.transport.ListenerConfig;
import org.mcx.protocol.wire.Codec;

/**
 * Everything one backend process is started with, made of its parts' own settings — a new setting
 * goes into its part (and {@link Main}, and the operations guide), not here. Built by {@link Main},
 * tests and the demo.
 *
 * @param adminPassword        makes the first administrator on an empty database; null: none
 * @param publicHost           the host name applications use for the SAS; null: derived from the bind address
 * @param trustedDirectAccess  trusted-domain applications get services' own locations (10.X.5 NOTE)
 * @param ops                  the operators' port: health, readiness, metrics
 */
public record BackendConfig(String systemId, String adminPassword, StoreConfig store, ListenerConfig listener,
                            IdentityConfig identity, Backoff outboxBackoff, SasSettings sas, String publicHost,
                            boolean trustedDirectAccess, OpsSettings ops) {

    /** The usual settings for a data directory and an address: production identity, no SAS, every application through the SAS. */
    public static BackendConfig of(Path dataDir, String bindHost, int port, String systemId) {
        return new BackendConfig(systemId, null, new StoreConfig(dataDir, Database.Durability.PROCESS_CRASH),
                new ListenerConfig(bindHost, port, null, null, Codec.DEFAULT_MAX_MESSAGE_BYTES, Duration.ofSeconds(10),
                        ListenerConfig.DEFAULT_IDLE_TIMEOUT, 2000, ConnectionLimits.defaults()),
                IdentityConfig.defaults(), Backoff.defaults(), SasSettings.none(), null, false, OpsSettings.none());
    }

    /** Loopback defaults for tests and the demo: plain ws://, cheap password hashing, quick outbox retries. */
    public static BackendConfig forTests(Path dataDir, String systemId) {
        BackendConfig c = of(dataDir, "127.0.0.1", 0, systemId).withAdminPassword("admin-password")
                .withIdentity(IdentityConfig.defaults().withIterations(1000))
                .withOutboxBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)));
        return c;
    }

    public Path dataDir() {
        return store.dataDir();
    }

    public String bindHost() {
        return listener.host();
    }

    public int port() {
        return listener.port();
    }

    public boolean tls() {
        return listener.tls();
    }

    public int sasPort() {
        return sas.port();
    }

    /** The host name external applications use to reach this system's service access server. */
    public String publicHost() {
        if (publicHost != null) {
            return publicHost;
        }
        String bind = listener.host();
        return bind.equals("0.0.0.0") || bind.equals("::") ? "localhost" : bind;
    }

    public String sasScheme() {
        return tls() ? "https" : "http";
    }

    // One line each: the part does the work.

    public BackendConfig withStore(StoreConfig newStore) {
        return new BackendConfig(systemId, adminPassword, newStore, listener, identity, outboxBackoff, sas, publicHost,
                trustedDirectAccess, ops);
    }

    public BackendConfig withListener(ListenerConfig newListener) {
        return new BackendConfig(systemId, adminPassword, store, newListener, identity, outboxBackoff, sas, publicHost,
                trustedDirectAccess, ops);
    }

    public BackendConfig withIdentity(IdentityConfig newIdentity) {
        return new BackendConfig(systemId, adminPassword, store, listener, newIdentity, outboxBackoff, sas, publicHost,
                trustedDirectAccess, ops);
    }

    /** How partner outboxes back off between attempts (ACMS). */
    public BackendConfig withOutboxBackoff(Backoff backoff) {
        return new BackendConfig(systemId, adminPassword, store, listener, identity, backoff, sas, publicHost,
                trustedDirectAccess, ops);
    }

    public BackendConfig withOps(OpsSettings newOps) {
        return new BackendConfig(systemId, adminPassword, store, listener, identity, outboxBackoff, sas, publicHost,
                trustedDirectAccess, newOps);
    }

    public BackendConfig withSas(SasSettings newSas) {
        return new BackendConfig(systemId, adminPassword, store, listener, identity, outboxBackoff, newSas, publicHost,
                trustedDirectAccess, ops);
    }

    public BackendConfig withAdminPassword(String password) {
        return new BackendConfig(systemId, password, store, listener, identity, outboxBackoff, sas, publicHost,
                trustedDirectAccess, ops);
    }

    public BackendConfig withPublicHost(String host) {
        return new BackendConfig(systemId, adminPassword, store, listener, identity, outboxBackoff, sas, host,
                trustedDirectAccess, ops);
    }

    /**
     * Trusted-domain applications are given the service's own location instead of the service
     * access server's (the NOTE of 10.X.5); off by default, so every application goes through the SAS.
     */
    public BackendConfig withTrustedDirectAccess(boolean direct) {
        return new BackendConfig(systemId, adminPassword, store, listener, identity, outboxBackoff, sas, publicHost, direct, ops);
    }

    // Shortcuts for what tests and the demo change most.

    public BackendConfig withPort(int newPort) {
        return withListener(listener.withPort(newPort));
    }

    public BackendConfig withTls(Path keystore, String password) {
        return withListener(listener.withTls(keystore, password));
    }

    public BackendConfig withAuthTimeout(Duration timeout) {
        return withListener(listener.withAuthTimeout(timeout));
    }

    public BackendConfig withCsc14Rate(double requestsPerSecond) {
        return withListener(listener.withCsc14Rate(requestsPerSecond));
    }

    public BackendConfig withMaxMessageBytes(int bytes) {
        return withListener(listener.withMaxMessageBytes(bytes));
    }

    /** What one WebSocket peer may cost in queued bytes and time. */
    public BackendConfig withConnectionLimits(ConnectionLimits limits) {
        return withListener(listener.withLimits(limits));
    }

    public BackendConfig withDurability(Database.Durability durability) {
        return withStore(store.withDurability(durability));
    }

    /** PostgreSQL instead of H2 in the data directory; null: H2. */
    public BackendConfig withDatabase(org.mcx.backend.store.PostgresConfig postgres) {
        return withStore(store.withPostgres(postgres));
    }

    public BackendConfig withSasPort(int port) {
        return withSas(sas.withPort(port));
    }

    /** How the service access server's event loops reach the kernel, and how many there are (0: one per core). */
    public BackendConfig withSasIo(Transport transport, int threads) {
        return withSas(sas.withIo(transport, threads));
    }

    @Override
    public String toString() {
        return "BackendConfig[dataDir=" + dataDir() + (store.onPostgres() ? ", database=" + store.postgres().where() : "")
                + ", bind=" + bindHost() + ":" + port() + ", systemId=" + systemId
                + ", sasPort=" + sasPort() + ", tls=" + tls() + ", durability=" + store.durability() + "]";
    }
}
