package org.mcx.access;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Caps the connections one client address may hold open, so one host cannot take them all. */
@ChannelHandler.Sharable
final class ClientConnections extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ClientConnections.class);

    private final int max;
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final AccessCounters counters;

    ClientConnections(int max, AccessCounters counters) {
        this.max = max;
        this.counters = counters;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        String address = address(ctx.channel().remoteAddress());
        int now = open.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        if (now > max) {
            counters.denied("too-many-connections");
            log.debug("{} holds {} connections; closing the newest", address, now);
            ctx.close();
            return;
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        open.computeIfPresent(address(ctx.channel().remoteAddress()), (a, n) -> n.decrementAndGet() <= 0 ? null : n);
        super.channelInactive(ctx);
    }

    private static String address(SocketAddress socket) {
        return socket instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(socket);
    }
}
