package org.mcx.access;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request of an HTTP/2 connection ({@link Http2Frontend}), and the side its {@link Exchange}
 * answers to: the same checks as over HTTP/1.1, the answer written as frames on the stream. The
 * request's body is read only as fast as the instance takes it: while the exchange has paused
 * reading, its bytes are not given back to the client's flow-control window.
 */
final class Http2StreamClient implements ClientSide {
    private static final Logger log = LoggerFactory.getLogger(Http2StreamClient.class);
    private final Http2Frontend connection;
    private final ChannelHandlerContext ctx;
    private final Http2Stream stream;
    private final Gateway gateway;
    private final Upstreams upstreams;
    private Exchange exchange;
    private boolean paused;
    private int unconsumed;
    private long discarded;
    private ScheduledFuture<?> stall;

    Http2StreamClient(Http2Frontend connection, ChannelHandlerContext ctx, Http2Stream stream, Gateway gateway,
                      Upstreams upstreams) {
        this.connection = connection;
        this.ctx = ctx;
        this.stream = stream;
        this.gateway = gateway;
        this.upstreams = upstreams;
    }

    /** The request's head: checked, then refused or forwarded. */
    void request(Http2Headers headers, boolean endOfStream) throws Http2Exception {
        HttpRequest head = HttpConversionUtil.toHttpRequest(stream.id(), headers, true);
        if (endOfStream) {
            head = new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri(), Unpooled.EMPTY_BUFFER,
                    head.headers(), EmptyHttpHeaders.INSTANCE);
        } else if (!HttpUtil.isContentLengthSet(head)) {
            head.headers().add(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED); // framed for the instance
        }
        String expect = head.headers().get(HttpHeaderNames.EXPECT);
        if (expect != null && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect)) {
            refuse(new Refusal(417, "Expectation Failed", "bad-request", "only 100-continue is understood", 0));
            return;
        }
        if (HttpUtil.is100ContinueExpected(head)) {
            head.headers().remove(HttpHeaderNames.EXPECT);
            connection.encoder().writeHeaders(ctx, stream.id(), new DefaultHttp2Headers().status("100"), 0, false,
                    ctx.newPromise());
        }
        RequestChecks.Verdict verdict = RequestChecks.check(gateway, head, true);
        if (verdict.refusal() != null) {
            ReferenceCountUtil.release(head);
            refuse(verdict.refusal());
            return;
        }
        exchange = new Exchange(this, gateway, upstreams, verdict.target(), head, verdict.query(), true);
        exchange.start();
        connection.flush(ctx);
    }

    /** A DATA frame; returns the bytes given back to the client's window now (the rest once the exchange reads on). */
    int data(ByteBuf data, int padding, boolean endOfStream) {
        int bytes = data.readableBytes() + padding;
        if (exchange == null || exchange.requestDone()) {
            discarded += bytes; // a refused request's body, read and dropped
            if (discarded > 4L * gateway.config().maxBodyBytes()) {
                reset(Http2Error.CANCEL);
            }
            return bytes;
        }
        HttpContent piece = endOfStream ? new DefaultLastHttpContent(data.retain()) : new DefaultHttpContent(data.retain());
        exchange.requestContent(piece);
        if (paused) {
            unconsumed += bytes;
            return 0;
        }
        return bytes;
    }

    /** Trailer fields end the body; their fields are dropped. */
    void trailers(boolean endOfStream) {
        if (endOfStream && exchange != null && !exchange.requestDone()) {
            exchange.requestContent(LastHttpContent.EMPTY_LAST_CONTENT);
        }
    }

    private void refuse(Refusal r) {
        writeAndFlush(Problem.of(r, false));
        if (!stream.state().remoteSideOpen()) {
            return;
        }
        // The client is still sending a body nobody will read: it may stop (RFC 9113 §8.1).
        reset(Http2Error.NO_ERROR);
    }

    private void reset(Http2Error error) {
        connection.resetStream(ctx, stream.id(), error.code(), ctx.newPromise());
        connection.flush(ctx);
    }

    /**
     * As {@link StallDeadline} does for a connection: a stream its client takes nothing of for the idle
     * timeout (its window stays shut, or the connection's socket stays full) is reset, so that an
     * answer never read does not hold its admission slot and upstream connection for ever.
     */
    void writabilityChanged() {
        boolean writable = isWritable();
        if (writable) {
            cancelStall();
        } else if (stall == null && gateway.config().idleTimeout().toMillis() > 0) {
            stall = ctx.executor().schedule(() -> {
                stall = null;
                if (!isWritable()) {
                    gateway.counters().denied("slow-reader");
                    log.debug("client {} took nothing of stream {} for the idle timeout; resetting it",
                            ctx.channel().remoteAddress(), stream.id());
                    reset(Http2Error.CANCEL);
                }
            }, gateway.config().idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (exchange != null) {
            exchange.clientWritable(writable);
        }
    }

    private void cancelStall() {
        if (stall != null) {
            stall.cancel(false);
            stall = null;
        }
    }

    /** The stream ended: answered, reset by either side, or the connection gone. */
    void streamClosed() {
        cancelStall();
        if (exchange != null) {
            exchange.clientClosed();
            exchange = null;
        }
    }

    @Override
    public void write(HttpObject msg) {
        if (msg instanceof HttpResponse response) {
            Http2Headers headers = HttpConversionUtil.toHttp2Headers(response, true);
            boolean whole = response instanceof FullHttpResponse;
            boolean empty = whole && !((FullHttpResponse) response).content().isReadable();
            connection.encoder().writeHeaders(ctx, stream.id(), headers, 0, empty, ctx.newPromise());
            if (whole && !empty) {
                connection.encoder().writeData(ctx, stream.id(), ((FullHttpResponse) response).content(), 0, true,
                        ctx.newPromise());
            } else if (whole) {
                ((FullHttpResponse) response).release();
            }
        } else if (msg instanceof HttpContent content) {
            // Trailer fields are dropped, as over HTTP/1.1.
            connection.encoder().writeData(ctx, stream.id(), content.content(), 0, content instanceof LastHttpContent,
                    ctx.newPromise());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void writeAndFlush(HttpObject msg) {
        write(msg);
        connection.flush(ctx);
    }

    @Override
    public boolean isWritable() {
        return connection.encoder().flowController().isWritable(stream);
    }

    @Override
    public void abort() {
        reset(Http2Error.INTERNAL_ERROR);
    }

    @Override
    public EventExecutor executor() {
        return ctx.executor();
    }

    @Override
    public void exchangeDone(boolean keepAlive, boolean requestDone) {
        exchange = null;
        if (!requestDone && stream.state().remoteSideOpen()) {
            reset(Http2Error.NO_ERROR); // answered before the whole body: the client may stop sending it
        }
    }

    @Override
    public void pauseReading(boolean pause) {
        paused = pause;
        if (!pause && unconsumed > 0) {
            int bytes = unconsumed;
            unconsumed = 0;
            try {
                connection.decoder().flowController().consumeBytes(stream, bytes);
            } catch (Http2Exception e) {
                connection.onError(ctx, false, e);
            }
            connection.flush(ctx);
        }
    }
}
