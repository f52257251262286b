package org.mcx.access;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/2 connection from an application, its streams served on the connection's own handler: each
 * stream's HEADERS and DATA go straight to its {@link Http2StreamClient}, which checks the request
 * and hands it to an {@link Exchange}, as {@link FrontendHandler} does for HTTP/1.1. No child channel
 * per stream and no conversion of frames to HTTP/1.1 messages and back: together they cost 10–13 µs of
 * CPU per request (docs/benchmarks.md, issue 15, h2-layers.sh).
 */
final class Http2Frontend extends Http2ConnectionHandler {
    private static final Logger log = LoggerFactory.getLogger(Http2Frontend.class);

    private final Gateway gateway;
    private final Upstreams upstreams;
    private final Http2Connection.PropertyKey clientKey;

    private Http2Frontend(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings,
                          Gateway gateway, Upstreams upstreams) {
        super(decoder, encoder, settings);
        this.gateway = gateway;
        this.upstreams = upstreams;
        this.clientKey = connection().newKey();
        connection().addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                Http2StreamClient client = stream.removeProperty(clientKey);
                if (client != null) {
                    client.streamClosed();
                }
            }
        });
        encoder.flowController().listener(stream -> {
            Http2StreamClient client = stream.getProperty(clientKey);
            if (client != null) {
                client.writabilityChanged();
            }
        });
    }

    static Http2Frontend create(Gateway gateway, Upstreams upstreams) {
        return new Builder(gateway, upstreams).build();
    }

    private Http2StreamClient client(int streamId) {
        Http2Stream stream = connection().stream(streamId);
        return stream == null ? null : stream.getProperty(clientKey);
    }

    private final class Listener extends Http2FrameAdapter {
        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
                                  boolean endOfStream) throws Http2Exception {
            Http2StreamClient client = client(streamId);
            if (client != null) {
                client.trailers(endOfStream); // trailer fields: dropped, as over HTTP/1.1
                return;
            }
            Http2Stream stream = connection().stream(streamId);
            client = new Http2StreamClient(Http2Frontend.this, ctx, stream, gateway, upstreams);
            stream.setProperty(clientKey, client);
            client.request(headers, endOfStream);
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int dependency,
                                  short weight, boolean exclusive, int padding, boolean endOfStream) throws Http2Exception {
            onHeadersRead(ctx, streamId, headers, padding, endOfStream);
        }

        @Override
        public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
            Http2StreamClient client = client(streamId);
            int bytes = data.readableBytes() + padding;
            return client == null ? bytes : client.data(data, padding, endOfStream);
        }
    }

    /**
     * A protocol error is answered by the codec (GOAWAY and close, or RST_STREAM), anything else closes
     * the connection; either is the client's doing, so logged quietly.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        log.debug("HTTP/2 connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        if (Http2CodecUtil.getEmbeddedHttp2Exception(cause) != null) {
            super.exceptionCaught(ctx, cause);
        } else {
            ctx.close();
        }
    }

    private static final class Builder extends AbstractHttp2ConnectionHandlerBuilder<Http2Frontend, Builder> {
        private final Gateway gateway;
        private final Upstreams upstreams;

        Builder(Gateway gateway, Upstreams upstreams) {
            this.gateway = gateway;
            this.upstreams = upstreams;
            server(true);
            gracefulShutdownTimeoutMillis(0);
            initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(FrontendInitializer.MAX_STREAMS)
                    .maxHeaderListSize(gateway.config().maxHeaderBytes()));
            // A request without :method, :scheme or :path is reset before anything reads it (RFC 9113 §8.3.1).
            validateRequiredPseudoHeaders(true);
        }

        @Override
        public Http2Frontend build() {
            return super.build();
        }

        @Override
        protected Http2Frontend build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings) {
            Http2Frontend frontend = new Http2Frontend(decoder, encoder, settings, gateway, upstreams);
            frameListener(frontend.new Listener());
            return frontend;
        }
    }
}
