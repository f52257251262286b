package org.mcx.bench.h2;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.io.File;
import java.nio.charset.StandardCharsets;

/**
 * What serving HTTP/2 streams as child channels costs, for issue 15: one HTTP/2 server answering
 * every request with the same 13 bytes, its streams either served as the SAS served them until
 * session 13 (a child channel per stream, its frames converted to HTTP/1.1 messages: {@code multiplex})
 * or on the connection's own handler, as it does since ({@code direct}). Nothing else differs: BoringSSL, io_uring, two event
 * loops. benchmarks/h2-layers.sh loads both with h2load and compares.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.mcx.bench.h2.H2LayerServer multiplex|direct PORT CERT.pem KEY.pem}
 */
public final class H2LayerServer {
    private static final byte[] BODY = "hello, world\n".getBytes(StandardCharsets.US_ASCII);

    private H2LayerServer() {
    }

    public static void main(String[] args) throws Exception {
        boolean direct = args[0].equals("direct");
        SslContext tls = SslContextBuilder.forServer(new File(args[2]), new File(args[3])).sslProvider(SslProvider.OPENSSL)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2))
                .build();
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, IoUringIoHandler.newFactory());
        new ServerBootstrap().group(loops).channel(IoUringServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        if (direct) {
                            ch.pipeline().addLast(new DirectBuilder().build());
                        } else {
                            ch.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(), new Http2MultiplexHandler(streams()));
                        }
                    }
                }).bind(Integer.parseInt(args[1])).sync();
        System.out.println("ready " + args[0]);
        Thread.currentThread().join();
    }

    /** The SAS's old way: each stream a child channel, its frames converted to HTTP/1.1 messages. */
    private static ChannelHandler streams() {
        return new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true), new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        boolean last = msg instanceof LastHttpContent;
                        ReferenceCountUtil.release(msg);
                        if (last) {
                            FullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                                    ctx.alloc().buffer(BODY.length).writeBytes(BODY));
                            answer.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain")
                                    .setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length);
                            ctx.writeAndFlush(answer);
                        }
                    }
                });
            }
        };
    }

    /** Streams served on the connection's handler: HEADERS and DATA straight from the frame listener. */
    private static final class Direct extends Http2ConnectionHandler {
        Direct(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings) {
            super(decoder, encoder, settings);
        }

        void answer(ChannelHandlerContext ctx, int stream) {
            Http2Headers head = new DefaultHttp2Headers().status("200").set("content-type", "text/plain")
                    .setInt("content-length", BODY.length);
            encoder().writeHeaders(ctx, stream, head, 0, false, ctx.newPromise());
            encoder().writeData(ctx, stream, ctx.alloc().buffer(BODY.length).writeBytes(BODY), 0, true, ctx.newPromise());
            flush(ctx);
        }
    }

    private static final class DirectBuilder extends AbstractHttp2ConnectionHandlerBuilder<Direct, DirectBuilder> {
        DirectBuilder() {
            server(true);
        }

        @Override
        public Direct build() {
            return super.build();
        }

        @Override
        protected Direct build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings) {
            Direct handler = new Direct(decoder, encoder, settings);
            frameListener(new Http2FrameAdapter() {
                @Override
                public int onDataRead(ChannelHandlerContext ctx, int stream, ByteBuf data, int padding, boolean end) {
                    if (end) {
                        handler.answer(ctx, stream);
                    }
                    return data.readableBytes() + padding;
                }

                @Override
                public void onHeadersRead(ChannelHandlerContext ctx, int stream, Http2Headers headers, int padding, boolean end) {
                    if (end) {
                        handler.answer(ctx, stream);
                    }
                }

                @Override
                public void onHeadersRead(ChannelHandlerContext ctx, int stream, Http2Headers headers, int dependency,
                                          short weight, boolean exclusive, int padding, boolean end) {
                    onHeadersRead(ctx, stream, headers, padding, end);
                }
            });
            return handler;
        }
    }
}
