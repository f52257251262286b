package org.mcx.access;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline of one application connection: the per-address cap, TLS when configured, then
 * HTTP/1.1 ({@link FrontendHandler}) — or HTTP/2 when the client negotiates it by ALPN, whose streams
 * are served on the connection's own handler ({@link Http2Frontend}).
 */
final class FrontendInitializer extends ChannelInitializer<SocketChannel> {
    private static final Logger log = LoggerFactory.getLogger(FrontendInitializer.class);
    static final int MAX_REQUEST_LINE = 8192;
    static final int MAX_CHUNK = 16 * 1024;
    static final int MAX_STREAMS = 128;
    /**
     * The codec's own bound on requests decoded but not yet answered (Netty's default, 128, closes the
     * connection at once). It must hold everything one read can carry — 64 KiB of 16-byte requests —
     * since the decoder decodes a whole read even when reading is paused; the SAS's {@link Backlog}
     * bounds what waits, in bytes.
     */
    static final int MAX_PIPELINE_DEPTH = 8192;

    private final Gateway gateway;
    private final ClientConnections connections;
    private final SslContext tls;
    private final Function<EventLoop, Upstreams> upstreams;

    FrontendInitializer(Gateway gateway, ClientConnections connections, SslContext tls,
                        Function<EventLoop, Upstreams> upstreams) {
        this.gateway = gateway;
        this.connections = connections;
        this.tls = tls;
        this.upstreams = upstreams;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(connections);
        if (tls == null) {
            http1(ch.pipeline(), ch);
            return;
        }
        ch.pipeline().addLast(tls.newHandler(ch.alloc()),
                new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                    @Override
                    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                            http2(ctx.pipeline(), ctx.channel());
                        } else {
                            http1(ctx.pipeline(), ctx.channel());
                        }
                    }

                    /** Counted, not logged as a warning: anyone on the network can fail a handshake, as often as he likes. */
                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        gateway.counters().denied("bad-tls");
                        log.debug("TLS with {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
                        ctx.close();
                    }
                });
    }

    private void http1(ChannelPipeline p, Channel ch) {
        HeadDeadline deadline = new HeadDeadline(gateway.config().idleTimeout().toNanos());
        HttpDecoderConfig decoding = new HttpDecoderConfig().setMaxInitialLineLength(MAX_REQUEST_LINE)
                .setMaxHeaderSize(gateway.config().maxHeaderBytes()).setMaxChunkSize(MAX_CHUNK)
                .setHeadersFactory(RequestHeaders.FACTORY);
        p.addLast(deadline, new HttpServerCodec(decoding, MAX_PIPELINE_DEPTH),
                new HttpServerExpectContinueHandler(),
                new StallDeadline(gateway.config().idleTimeout().toMillis(), gateway.counters()),
                new FrontendHandler(gateway, deadline, upstreams.apply(ch.eventLoop())));
    }

    private void http2(ChannelPipeline p, Channel ch) {
        Upstreams mine = upstreams.apply(ch.eventLoop());
        long idle = gateway.config().idleTimeout().toMillis();
        p.addLast(new IdleStateHandler(idle, 0, 0, TimeUnit.MILLISECONDS) {
            @Override
            protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
                ctx.close(); // a connection that sends nothing for that long holds a slot for nothing
            }
        });
        p.addLast(Http2Frontend.create(gateway, mine));
    }
}
