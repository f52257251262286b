package org.mcx.backend.access;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Caps the connections one client address may hold open, so one host cannot take them all. */
final class PerAddressConnections implements Connection.Listener {
    private static final Logger log = LoggerFactory.getLogger(PerAddressConnections.class);

    private final int max;
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final AccessCounters counters;

    PerAddressConnections(int max, AccessCounters counters) {
        this.max = max;
        this.counters = counters;
    }

    @Override
    public void onOpened(Connection connection) {
        String address = address(connection.getEndPoint().getRemoteSocketAddress());
        int now = open.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        if (now > max) {
            counters.denied("too-many-connections");
            log.debug("{} holds {} connections; closing the newest", address, now);
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        String address = address(connection.getEndPoint().getRemoteSocketAddress());
        open.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    private static String address(SocketAddress socket) {
        return socket instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(socket);
    }
}
