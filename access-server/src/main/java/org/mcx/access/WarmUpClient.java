package org.mcx.access;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm-up's applications ({@link SelfWarmUp}): keep-alive HTTP/1.1 connections and, over TLS,
 * HTTP/2 connections with a few streams each, every one sending its next request as soon as the
 * last is answered, on a thread of their own. Most requests are what a well-behaved application
 * sends; one in {@link #REFUSED_EVERY} has no token, so the refusal path is compiled too. Each
 * connection closes after {@link #REQUESTS_PER_CONNECTION} answers and another opens: a node in service
 * sees connections come and go, and a JIT that compiled the read path without ever seeing a close
 * throws that code away at the first one, as real applications arrive (docs/benchmarks.md, session 11).
 */
final class WarmUpClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WarmUpClient.class);
    static final int HTTP1_CONNECTIONS = 16;
    static final int HTTP2_CONNECTIONS = 4;
    static final int HTTP2_STREAMS = 4;
    static final int REFUSED_EVERY = 64;
    static final int REQUESTS_PER_CONNECTION = 200;

    private final Transport transport;
    private final boolean tls;
    private final SslProvider engine;
    private final InetSocketAddress address;
    private final String authorization;
    private final List<String> paths;
    private final EventLoopGroup group;
    private final ChannelGroup channels = new DefaultChannelGroup("sas-warm-up-clients", GlobalEventExecutor.INSTANCE);
    private final AtomicLong http1Answered = new AtomicLong();
    private final AtomicLong http2Answered = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean running = true;
    private Consumer<Channel> http1Pipeline;
    private Consumer<Channel> http2Pipeline;

    WarmUpClient(Transport transport, SslProvider engine, boolean tls, InetSocketAddress address, String token,
                 List<String> profileIds) {
        this.transport = transport;
        this.engine = engine;
        this.tls = tls;
        this.address = address;
        this.authorization = "Bearer " + token;
        this.paths = profileIds.stream().map(id -> AccessChecks.PREFIX + id + "/groups").toList();
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("mcx-sas-warm-up", true),
                transport.ioHandlers());
    }

    void start() throws SSLException {
        SslContext http1 = tls ? clientTls(ApplicationProtocolNames.HTTP_1_1) : null;
        http1Pipeline = ch -> {
            if (http1 != null) {
                ch.pipeline().addLast(http1.newHandler(ch.alloc(), address.getHostString(), address.getPort()));
            }
            ch.pipeline().addLast(new HttpClientCodec(), new Http1Exchange());
        };
        for (int i = 0; i < HTTP1_CONNECTIONS; i++) {
            connect(http1Pipeline);
        }
        if (tls) {
            SslContext http2 = clientTls(ApplicationProtocolNames.HTTP_2);
            http2Pipeline = ch -> ch.pipeline().addLast(http2.newHandler(ch.alloc(), address.getHostString(), address.getPort()),
                    new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                        @Override
                        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                                http2(ctx.pipeline(), ctx.channel());
                            } else {
                                failures.incrementAndGet();
                                ctx.close();
                            }
                        }
                    });
            for (int i = 0; i < HTTP2_CONNECTIONS; i++) {
                connect(http2Pipeline);
            }
        }
    }

    /** Stops sending; the connections close with {@link #close}. */
    void stop() {
        running = false;
    }

    long http1Answered() {
        return http1Answered.get();
    }

    long http2Answered() {
        return http2Answered.get();
    }

    long failures() {
        return failures.get();
    }

    /** Connections opened, the replacements of those that served their share included. */
    long connections() {
        return connections.get();
    }

    @Override
    public void close() {
        running = false;
        channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    private void connect(Consumer<Channel> pipeline) {
        if (!running) {
            return;
        }
        new Bootstrap().group(group).channel(transport.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        channels.add(ch);
                        pipeline.accept(ch);
                    }
                })
                .connect(address).addListener(f -> {
                    if (f.isSuccess()) {
                        connections.incrementAndGet();
                    } else {
                        failures.incrementAndGet();
                        log.debug("warm-up connection failed: {}", f.cause().toString());
                    }
                });
    }

    /**
     * The node's own certificate, on a loopback connection inside this process: there is nothing to
     * authenticate, and the node may run on a self-signed certificate no trust store holds.
     */
    private SslContext clientTls(String protocol) throws SSLException {
        return SslContextBuilder.forClient().sslProvider(engine).trustManager(InsecureTrustManagerFactory.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocol))
                .build();
    }

    private void http2(ChannelPipeline p, Channel connection) {
        p.addLast(Http2FrameCodecBuilder.forClient().build(), new Http2MultiplexHandler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.close(); // the node pushes nothing; a stream it opened would be a fault
            }
        }));
        Streams streams = new Streams();
        for (int i = 0; i < HTTP2_STREAMS; i++) {
            openStream(connection, streams);
        }
    }

    /** One HTTP/2 connection's streams, counted on its event loop: it closes once its last one is answered. */
    private static final class Streams {
        int opened;
        int open;
    }

    private void openStream(Channel connection, Streams streams) {
        if (!running || !connection.isActive()) {
            return;
        }
        if (streams.opened >= REQUESTS_PER_CONNECTION) {
            if (streams.open == 0) {
                connection.close();
                connect(http2Pipeline);
            }
            return;
        }
        streams.opened++;
        streams.open++;
        new Http2StreamChannelBootstrap(connection).handler(new Http2Exchange(connection, streams)).open().addListener(f -> {
            if (!f.isSuccess()) {
                failures.incrementAndGet();
            }
        });
    }

    /** The n-th request's path and whether it carries the token. */
    private String path(long n) {
        return paths.get((int) (n % paths.size()));
    }

    private boolean withToken(long n) {
        return n % REFUSED_EVERY != 0; // the first of each connection: refusals are compiled from the start
    }

    /** One HTTP/1.1 connection: a request, its answer, the next request. */
    private final class Http1Exchange extends SimpleChannelInboundHandler<HttpObject> {
        private long sent;
        private int answered;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            send(ctx);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof LastHttpContent) {
                http1Answered.incrementAndGet();
                if (++answered >= REQUESTS_PER_CONNECTION) {
                    ctx.close();
                    connect(http1Pipeline);
                    return;
                }
                send(ctx);
            } else if (msg instanceof HttpResponse response && response.status().code() >= 500) {
                failures.incrementAndGet();
            }
        }

        private void send(ChannelHandlerContext ctx) {
            if (!running) {
                return;
            }
            long n = sent++;
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path(n));
            request.headers().set(HttpHeaderNames.HOST, address.getHostString())
                    .set(HttpHeaderNames.ACCEPT, "application/json");
            if (withToken(n)) {
                request.headers().set(HttpHeaderNames.AUTHORIZATION, authorization);
            }
            if (n % 4 == 0) {
                request.headers().set("MC-Priority", "normal");
            }
            ctx.writeAndFlush(request);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failures.incrementAndGet();
            log.debug("warm-up HTTP/1.1 connection failed: {}", cause.toString());
            ctx.close();
        }
    }

    /** One HTTP/2 stream: a request; once answered, the stream closes and the next opens. */
    private final class Http2Exchange extends SimpleChannelInboundHandler<Http2StreamFrame> {
        private final Channel connection;
        private final Streams streams;
        private boolean answered;

        Http2Exchange(Channel connection, Streams streams) {
            this.connection = connection;
            this.streams = streams;
        }

        /** Answered or failed, the stream is done; only an answered one is followed by the next. */
        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            streams.open--;
            if (answered) {
                openStream(connection, streams);
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            long n = http2Answered.get();
            Http2Headers headers = new DefaultHttp2Headers().method("GET").scheme("https")
                    .authority(address.getHostString() + ":" + address.getPort()).path(path(n));
            if (withToken(n)) {
                headers.set(HttpHeaderNames.AUTHORIZATION, authorization);
            }
            ctx.writeAndFlush(new DefaultHttp2HeadersFrame(headers, true));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
            if (frame instanceof Http2HeadersFrame h && h.headers().status() != null
                    && h.headers().status().charAt(0) == '5') {
                failures.incrementAndGet();
            }
            if (frame instanceof Http2DataFrame data && data.isEndStream()
                    || frame instanceof Http2HeadersFrame headers && headers.isEndStream()) {
                http2Answered.incrementAndGet();
                answered = true;
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failures.incrementAndGet();
            log.debug("warm-up HTTP/2 stream failed: {}", cause.toString());
            ctx.close();
        }
    }
}
