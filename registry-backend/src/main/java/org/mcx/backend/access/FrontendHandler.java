package org.mcx.backend.access;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One external application's connection: each request is checked ({@link AccessChecks}), then
 * refused with a problem document or handed to an {@link Exchange}. Requests are answered in
 * order, one at a time; a pipelined request waits in a short backlog until the one before it is
 * answered.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(FrontendHandler.class);
    static final int MAX_BACKLOG = 64;

    private final Gateway gateway;
    private final HeadDeadline deadline;
    private final Upstreams upstreams;
    private final ArrayDeque<Object> backlog = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private Exchange exchange;
    private boolean discarding;
    private boolean closeAfterDiscard;
    private long discarded;

    FrontendHandler(Gateway gateway, HeadDeadline deadline, Upstreams upstreams) {
        this.gateway = gateway;
        this.deadline = deadline;
        this.upstreams = upstreams;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        route(msg);
    }

    private void route(Object msg) {
        if (exchange != null) {
            if (msg instanceof HttpContent content && !exchange.requestDone()) {
                exchange.requestContent(content);
            } else if (backlog.size() < MAX_BACKLOG) {
                backlog.add(msg); // pipelined: answered after the one in flight
            } else {
                ReferenceCountUtil.release(msg);
                ctx.close();
            }
        } else if (msg instanceof HttpRequest request) {
            head(request);
        } else if (msg instanceof HttpContent content) {
            discard(content);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void head(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            unreadable(request.decoderResult().cause());
            return;
        }
        deadline.headArrived();
        gateway.counters().received();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String uri = request.uri();
        int q = uri.indexOf('?');
        AccessChecks.Seen seen = new AccessChecks.Seen();
        Target target;
        try {
            target = gateway.checks().authorize(q < 0 ? uri : uri.substring(0, q),
                    request.headers().get(HttpHeaderNames.AUTHORIZATION), request.headers().get("MC-Priority"), seen);
            if (HttpUtil.getContentLength(request, -1L) > gateway.config().maxBodyBytes()) {
                throw new Refusal(413, "Content Too Large", "too-large", "the body is over the limit", 0);
            }
        } catch (Refusal r) {
            gateway.counters().denied(r.reason);
            gateway.reporter().denied(r.reason, seen.applicationId, seen.mcServiceId, seen.applicationProfileId);
            refuse(r, keepAlive && r.status != 413);
            return;
        }
        if (!gateway.admission().tryEnter(target.priority())) {
            gateway.counters().shed(target.priority());
            gateway.reporter().denied("shed-" + target.priority().wireName(), target.route().applicationId(),
                    target.mcServiceId(), target.route().applicationProfileId());
            refuse(new Refusal(503, "Service Unavailable", "shed", "overloaded; try again shortly", 1), keepAlive);
            return;
        }
        exchange = new Exchange(this, ctx, gateway, upstreams, target, request, q < 0 ? null : uri.substring(q),
                keepAlive);
        exchange.start();
    }

    /** A head the decoder could not read: too long, or not HTTP. The connection cannot go on. */
    private void unreadable(Throwable cause) {
        int status = cause instanceof TooLongHttpHeaderException ? 431
                : cause instanceof TooLongHttpLineException ? 414
                : cause instanceof TooLongFrameException ? 431 : 400;
        String reason = status == 400 ? "bad-request" : "too-large";
        gateway.counters().denied(reason);
        gateway.reporter().denied(reason, null, null, null);
        ctx.writeAndFlush(Problem.of(status, status == 400 ? "Bad Request" : status == 414 ? "URI Too Long"
                        : "Request Header Fields Too Large", "the request could not be read", 0, true))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** Answers now; the request's body, if any, is read and dropped before the next request. */
    private void refuse(Refusal r, boolean keepAlive) {
        ctx.writeAndFlush(Problem.of(r, !keepAlive));
        discarding = true;
        closeAfterDiscard = !keepAlive;
        discarded = 0;
    }

    private void discard(HttpContent content) {
        discarded += content.content().readableBytes();
        boolean last = content instanceof LastHttpContent;
        content.release();
        if (!discarding) {
            return;
        }
        if (last) {
            discarding = false;
            if (closeAfterDiscard) {
                closeWhenWritten();
            } else {
                deadline.awaitNext();
            }
        } else if (discarded > 4 * gateway.config().maxBodyBytes()) {
            ctx.close(); // reading a huge refused body to its end is not worth the bandwidth
        }
    }

    /** Called by the exchange once its answer is written (or it failed with a problem document). */
    void exchangeDone(boolean keepAlive, boolean requestDone) {
        exchange = null;
        ctx.channel().config().setAutoRead(true); // the exchange may have paused reading for back-pressure
        if (!requestDone) {
            // The answer came before the whole body: read the rest and drop it, then close, so the
            // client reads the answer instead of a reset.
            discarding = true;
            closeAfterDiscard = true;
            discarded = 0;
        } else if (!keepAlive) {
            closeWhenWritten();
            return;
        } else {
            deadline.awaitNext();
        }
        while (!backlog.isEmpty() && (exchange == null || !exchange.requestDone()) && ctx.channel().isActive()) {
            route(backlog.poll());
        }
    }

    /** Closes once everything written so far has left, so the last answer is not cut short. */
    private void closeWhenWritten() {
        if (ctx.channel() instanceof Http2StreamChannel) {
            return; // an HTTP/2 stream ends with its answer; the connection serves the others
        }
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (exchange != null) {
            exchange.clientWritable(ctx.channel().isWritable());
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (exchange != null) {
            exchange.clientClosed();
            exchange = null;
        }
        backlog.forEach(ReferenceCountUtil::release);
        backlog.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("client connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
