package org.mcx.access;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameStreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On an HTTP/2 stream, after the codec: a request the codec could not read is reset with its own
 * error code — PROTOCOL_ERROR for a malformed one (RFC 9113 §8.1.1) — where closing the stream alone
 * would send CANCEL. Other failures go on to the stream's handler.
 */
@ChannelHandler.Sharable
final class StreamReset extends ChannelInboundHandlerAdapter {
    static final StreamReset INSTANCE = new StreamReset();
    private static final Logger log = LoggerFactory.getLogger(StreamReset.class);

    private StreamReset() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Http2Error error = error(cause);
        if (error == null) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        log.debug("client stream {} reset ({}): {}", ctx.channel(), error, cause.toString());
        ctx.writeAndFlush(new DefaultHttp2ResetFrame(error)).addListener(ChannelFutureListener.CLOSE);
    }

    /** The stream's error; PROTOCOL_ERROR for a request the conversion to HTTP/1.1 failed on. */
    private static Http2Error error(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof Http2FrameStreamException e) {
                return e.error();
            }
            if (t instanceof Http2Exception e) {
                return e.error();
            }
        }
        return cause instanceof DecoderException ? Http2Error.PROTOCOL_ERROR : null;
    }
}
