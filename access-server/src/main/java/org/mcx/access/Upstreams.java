package org.mcx.access;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mcx.protocol.message.Csc15.ServiceEndpoint;

/**
 * Keep-alive connections to service instances, one pool per event loop: a request is forwarded on
 * a connection owned by the same loop that serves its client, so a request and its answer never
 * change threads (what nginx does, and what Jetty's proxy could not: docs/benchmarks.md). Only
 * that loop's thread touches its pool, so there are no locks.
 */
final class Upstreams {
    static final int MAX_IDLE_PER_INSTANCE = 256;
    static final int IDLE_SECONDS = 60;

    private final EventLoop loop;
    private final Class<? extends Channel> channelType;
    private final SslContext tls;
    private final int connectTimeoutMillis;
    private final Map<ServiceEndpoint, ArrayDeque<Channel>> idle = new HashMap<>(); // keyed by value: no key built per request

    Upstreams(EventLoop loop, Class<? extends Channel> channelType, SslContext tls, int connectTimeoutMillis) {
        this.loop = loop;
        this.channelType = channelType;
        this.tls = tls;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    /** A pooled live connection to the instance, or null. */
    Channel pooled(ServiceEndpoint instance) {
        ArrayDeque<Channel> channels = idle.get(instance);
        while (channels != null && !channels.isEmpty()) {
            Channel c = channels.pollLast(); // the most recently used is the least likely to be stale
            if (c.isActive()) {
                return c;
            }
        }
        return null;
    }

    ChannelFuture connect(ServiceEndpoint instance) {
        boolean secure = "https".equalsIgnoreCase(instance.scheme());
        ChannelFuture connecting = new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (secure) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc(), instance.host(), instance.port()));
                        }
                        ch.pipeline().addLast(new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS),
                                new HttpClientCodec(), new UpstreamHandler());
                    }
                })
                .connect(instance.host(), instance.port());
        ArrayDeque<Channel> channels = idle.computeIfAbsent(instance, k -> new ArrayDeque<>());
        connecting.channel().closeFuture().addListener(f -> channels.remove(connecting.channel()));
        return connecting;
    }

    /** Gives a connection whose last exchange completed cleanly back for the next request. */
    void release(ServiceEndpoint instance, Channel channel) {
        ArrayDeque<Channel> channels = idle.computeIfAbsent(instance, k -> new ArrayDeque<>());
        if (channels.size() >= MAX_IDLE_PER_INSTANCE || !channel.isActive()) {
            channel.close();
            return;
        }
        channels.addLast(channel); // taken out again when it closes (see connect)
    }
}
