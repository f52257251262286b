package org.mcx.access;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's operators' port, apart from the applications' door: {@code /health/live},
 * {@code /health/ready} (200 while it may decide, 503 once its grants are stale: what a load
 * balancer in front of several nodes checks) and {@code /metrics}, its counters in Prometheus' text
 * format. Plain HTTP, one thread, nothing secret in any answer.
 */
final class OpsEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpsEndpoint.class);

    private final EventLoopGroup group;
    private final Channel listener;

    private OpsEndpoint(EventLoopGroup group, Channel listener) {
        this.group = group;
        this.listener = listener;
    }

    static OpsEndpoint start(String host, int port, BooleanSupplier ready, Supplier<AccessCounters.Snapshot> counters)
            throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("mcx-sas-ops", true),
                NioIoHandler.newFactory());
        try {
            Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1024),
                                    new Answers(ready, counters));
                        }
                    }).bind(host, port).sync().channel();
            OpsEndpoint ops = new OpsEndpoint(group, listener);
            log.info("health and metrics on http://{}:{}/ (/health/live, /health/ready, /metrics)", host, ops.port());
            return ops;
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The counters as Prometheus counters, each with its HELP and TYPE lines. */
    static String prometheus(AccessCounters.Snapshot s) {
        StringBuilder out = new StringBuilder();
        counter(out, "mcx_sas_requests_received_total", "Requests received from applications", Map.of("", s.received()));
        counter(out, "mcx_sas_requests_forwarded_total", "Requests forwarded to a service", Map.of("", s.forwarded()));
        counter(out, "mcx_sas_requests_retried_total", "Requests retried on another instance", Map.of("", s.retried()));
        counter(out, "mcx_sas_requests_downgraded_total", "Requests whose claimed priority was lowered", Map.of("", s.downgraded()));
        counter(out, "mcx_sas_requests_denied_total", "Requests refused, by reason", labelled("reason", s.denied()));
        counter(out, "mcx_sas_requests_shed_total", "Requests shed under load, by priority", labelled("priority", s.shed()));
        return out.toString();
    }

    private static Map<String, Long> labelled(String label, Map<String, Long> values) {
        java.util.TreeMap<String, Long> out = new java.util.TreeMap<>();
        values.forEach((k, v) -> out.put(label + "=\"" + k.replace("\\", "\\\\").replace("\"", "\\\"") + "\"", v));
        return out;
    }

    private static void counter(StringBuilder out, String name, String help, Map<String, Long> values) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        values.forEach((labels, value) -> out.append(name).append(labels.isEmpty() ? "" : "{" + labels + "}")
                .append(' ').append(value).append('\n'));
    }

    private static final class Answers extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final BooleanSupplier ready;
        private final Supplier<AccessCounters.Snapshot> counters;

        Answers(BooleanSupplier ready, Supplier<AccessCounters.Snapshot> counters) {
            this.ready = ready;
            this.counters = counters;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (!request.decoderResult().isSuccess()) {
                answer(ctx, HttpResponseStatus.BAD_REQUEST, "bad request\n", "text/plain; charset=utf-8");
            } else if (!HttpMethod.GET.equals(request.method())) {
                answer(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "GET only\n", "text/plain; charset=utf-8");
            } else {
                switch (request.uri()) {
                    case "/health/live" -> answer(ctx, HttpResponseStatus.OK, "live\n", "text/plain; charset=utf-8");
                    case "/health/ready" -> answer(ctx, ready.getAsBoolean() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                            ready.getAsBoolean() ? "ready\n" : "not ready: no fresh grants from the registry\n", "text/plain; charset=utf-8");
                    case "/metrics" -> answer(ctx, HttpResponseStatus.OK, prometheus(counters.get()),
                            "text/plain; version=0.0.4; charset=utf-8");
                    default -> answer(ctx, HttpResponseStatus.NOT_FOUND, "not found: /health/live, /health/ready or /metrics\n",
                            "text/plain; charset=utf-8");
                }
            }
        }

        private static void answer(ChannelHandlerContext ctx, HttpResponseStatus status, String body, String type) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, type)
                    .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                    .set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
