package org.mcx.access;

import java.nio.file.Path;
import java.time.Duration;

/** How a service access server node listens and defends itself; defaults suit one machine. */
public record AccessConfig(String host, int port, Path keystore, String keystorePassword, int maxHeaderBytes,
                           long maxBodyBytes, Duration idleTimeout,
                           int maxConnectionsPerAddress, int maxInFlight, double requestsPerSecondPerApplication,
                           double requestsPerSecondPerUser, Duration upstreamTimeout, Duration staleAfter,
                           Transport transport, int eventLoops, Duration warmUp) {

    /** The longest a node may go on serving on grants the registry can no longer revoke. */
    static final Duration MAX_GRACE = Duration.ofHours(1);

    public static AccessConfig defaults(String host, int port) {
        return new AccessConfig(host, port, null, null, 8 * 1024, 1024 * 1024, Duration.ofSeconds(30),
                256, 4096, 1000, 200, Duration.ofSeconds(15), Duration.ofSeconds(2), Transport.AUTO, 0, Duration.ZERO);
    }

    public AccessConfig withTls(Path keystorePath, String password) {
        return new AccessConfig(host, port, keystorePath, password, maxHeaderBytes, maxBodyBytes, idleTimeout,
                maxConnectionsPerAddress, maxInFlight, requestsPerSecondPerApplication,
                requestsPerSecondPerUser, upstreamTimeout, staleAfter, transport, eventLoops, warmUp);
    }

    public AccessConfig withLimits(int inFlight, double perApplication, double perUser) {
        return new AccessConfig(host, port, keystore, keystorePassword, maxHeaderBytes, maxBodyBytes, idleTimeout,
                maxConnectionsPerAddress, inFlight, perApplication, perUser, upstreamTimeout,
                staleAfter, transport, eventLoops, warmUp);
    }

    /**
     * How long grants are honoured after the link to every registry node is lost, before every
     * request is refused 503 until a fresh snapshot: availability against how late a revocation
     * made meanwhile is enforced (it is, as soon as the node reconnects).
     */
    public AccessConfig withGrace(Duration grace) {
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw new IllegalArgumentException("registry-grace must be between 0 and " + MAX_GRACE.toMinutes()
                    + " minutes, not " + grace);
        }
        return new AccessConfig(host, port, keystore, keystorePassword, maxHeaderBytes, maxBodyBytes, idleTimeout,
                maxConnectionsPerAddress, maxInFlight, requestsPerSecondPerApplication,
                requestsPerSecondPerUser, upstreamTimeout, grace, transport, eventLoops, warmUp);
    }

    public AccessConfig withTimeouts(Duration idle, Duration upstream) {
        return new AccessConfig(host, port, keystore, keystorePassword, maxHeaderBytes, maxBodyBytes, idle,
                maxConnectionsPerAddress, maxInFlight, requestsPerSecondPerApplication,
                requestsPerSecondPerUser, upstream, staleAfter, transport, eventLoops, warmUp);
    }

    /**
     * @param newTransport how the event loops reach the kernel ({@link Transport#AUTO}: the best available)
     * @param loops event loop threads; 0 for one per core
     */
    public AccessConfig withIo(Transport newTransport, int loops) {
        if (loops < 0) {
            throw new IllegalArgumentException("event loop threads must be 0 (one per core) or more, not " + loops);
        }
        return new AccessConfig(host, port, keystore, keystorePassword, maxHeaderBytes, maxBodyBytes, idleTimeout,
                maxConnectionsPerAddress, maxInFlight, requestsPerSecondPerApplication,
                requestsPerSecondPerUser, upstreamTimeout, staleAfter, newTransport, loops, warmUp);
    }

    /** The longest warm-up an operator may ask for (see {@link SelfWarmUp}). */
    static final Duration MAX_WARM_UP = Duration.ofSeconds(60);

    /**
     * How long the node may serve itself before it opens its port, so that the JIT has compiled the
     * request path when the first application arrives; zero for none (tests, and where start time
     * matters more than the first seconds' speed).
     */
    public AccessConfig withWarmUp(Duration budget) {
        if (budget.isNegative() || budget.compareTo(MAX_WARM_UP) > 0) {
            throw new IllegalArgumentException("warm-up must be between 0 and " + MAX_WARM_UP.toSeconds()
                    + " seconds, not " + budget);
        }
        return new AccessConfig(host, port, keystore, keystorePassword, maxHeaderBytes, maxBodyBytes, idleTimeout,
                maxConnectionsPerAddress, maxInFlight, requestsPerSecondPerApplication,
                requestsPerSecondPerUser, upstreamTimeout, staleAfter, transport, eventLoops, budget);
    }

    /** The event loop threads this node runs. */
    public int eventLoopThreads() {
        return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
    }

    @Override
    public String toString() {
        return "AccessConfig[" + host + ":" + port + ", tls=" + (keystore != null) + ", io=" + transport
                + ", threads=" + eventLoopThreads() + ", warmUp=" + warmUp + "]";
    }
}
