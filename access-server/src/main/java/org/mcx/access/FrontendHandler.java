package org.mcx.access;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One external application's connection: each request is checked ({@link RequestHead},
 * {@link AccessChecks}), then refused with a problem document or handed to an {@link Exchange}.
 * Requests are answered in order, one at a time; pipelined requests wait in a {@link Backlog}, and
 * reading stops while 64 wait (or 64 KiB), so however many a client pipelines, the rest wait in TCP
 * and every one is answered in turn. A client that does not read its answers stops being read too
 * (and {@link StallDeadline} lets it go when it has taken nothing for the idle timeout).
 * Only a single read carrying more than the backlog's hard bound (some 900 small requests at once)
 * ends the connection: what was accepted is answered, the last answer says {@code Connection: close},
 * the rest is dropped unread, as after any close (RFC 9112 §9.3.2: the client retries them).
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter implements ClientSide {
    private static final Logger log = LoggerFactory.getLogger(FrontendHandler.class);
    static final int MAX_BACKLOG = 64;
    static final int BACKLOG_PAUSE_BYTES = 64 * 1024;
    static final int MAX_BACKLOG_BYTES = 256 * 1024;

    private final Gateway gateway;
    private final HeadDeadline deadline;
    private final Upstreams upstreams;
    private final Backlog backlog = new Backlog(MAX_BACKLOG, BACKLOG_PAUSE_BYTES, MAX_BACKLOG_BYTES);
    private ChannelHandlerContext ctx;
    private Exchange exchange;
    private boolean discarding;
    private boolean closeAfterDiscard;
    private long discarded;
    private boolean closing;
    private boolean overflowed;
    private boolean exchangePaused;
    private boolean reading = true;

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
        if (closing || overflowed) {
            ReferenceCountUtil.release(msg); // the connection ends with the answers already due: nothing more is served
        } else if (!backlog.isEmpty() || (msg instanceof HttpRequest && busy())) {
            hold(msg);
        } else {
            serve(msg);
        }
    }

    /** An answer is still being written or read back: a new request waits its turn. */
    private boolean busy() {
        return exchange != null || !ctx.channel().isWritable();
    }

    private void hold(Object msg) {
        if (backlog.offer(msg)) {
            updateReading();
            return;
        }
        ReferenceCountUtil.release(msg);
        overflowed = true;
        gateway.counters().denied("too-many-pipelined");
        gateway.reporter().denied("too-many-pipelined", null, null, null);
        log.debug("client {}: {} pipelined requests waiting, {} bytes; answering them, then closing",
                ctx.channel().remoteAddress(), backlog.requests(), backlog.bytes());
        backlog.dropIncompleteTail();
        HttpRequest last = backlog.lastHead();
        if (last != null) {
            HttpUtil.setKeepAlive(last, false);
        }
        updateReading();
        closeIfAllAnswered();
    }

    private void closeIfAllAnswered() {
        if (overflowed && !closing && exchange == null && backlog.isEmpty() && !discarding) {
            closeWhenWritten();
        }
    }

    private void serve(Object msg) {
        if (msg instanceof HttpRequest request) {
            head(request);
        } else if (msg instanceof HttpContent content) {
            if (exchange != null && !exchange.requestDone()) {
                exchange.requestContent(content);
            } else {
                discard(content);
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void head(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            ReferenceCountUtil.release(request);
            unreadable(Unreadable.head(request.decoderResult().cause()));
            return;
        }
        deadline.headArrived();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        RequestChecks.Verdict verdict = RequestChecks.check(gateway, request, false);
        if (verdict.refusal() != null) {
            refuse(request, verdict.refusal(), keepAlive && verdict.refusal().keepsConnection());
            return;
        }
        exchange = new Exchange(this, gateway, upstreams, verdict.target(), request, verdict.query(), keepAlive);
        exchange.start();
    }

    /** A head the decoder could not read: it reads nothing more from this connection, so it closes. */
    private void unreadable(Refusal r) {
        gateway.counters().denied(r.reason);
        gateway.reporter().denied(r.reason, null, null, null);
        closing = true;
        ctx.writeAndFlush(Problem.of(r, true)).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Answers now; the request's body, if any, is read and dropped before the next request — within
     * the head deadline, which starts now: a refused body that never ends must not hold the connection.
     */
    private void refuse(HttpRequest request, Refusal r, boolean keepAlive) {
        ctx.writeAndFlush(Problem.of(r, !keepAlive));
        deadline.awaitNext();
        discarding = true;
        closeAfterDiscard = !keepAlive;
        discarded = 0;
        ReferenceCountUtil.release(request);
    }

    private void discard(HttpContent content) {
        discarded += content.content().readableBytes();
        boolean last = content instanceof LastHttpContent;
        boolean malformed = content.decoderResult().isFailure();
        content.release();
        if (malformed) {
            closeWhenWritten(); // the decoder has stopped reading this connection; any answer is already out
            return;
        }
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

    @Override
    public void write(HttpObject msg) {
        ctx.write(msg);
    }

    @Override
    public void writeAndFlush(HttpObject msg) {
        ctx.writeAndFlush(msg);
    }

    @Override
    public boolean isWritable() {
        return ctx.channel().isWritable();
    }

    @Override
    public void abort() {
        ctx.close();
    }

    @Override
    public EventExecutor executor() {
        return ctx.executor();
    }

    @Override
    public void exchangeDone(boolean keepAlive, boolean requestDone) {
        exchange = null;
        exchangePaused = false;
        if (!requestDone) {
            // The answer came before the whole body: read the rest and drop it, then close, so the
            // client reads the answer instead of a reset — within the head deadline, not for ever.
            discarding = true;
            closeAfterDiscard = true;
            discarded = 0;
            deadline.awaitNext();
        } else if (!keepAlive) {
            closeWhenWritten();
            return;
        } else {
            deadline.awaitNext();
        }
        drain();
    }

    @Override
    public void pauseReading(boolean pause) {
        exchangePaused = pause;
        updateReading();
    }

    /** Serves what waits, in order, up to the next request that must wait again. */
    private void drain() {
        while (!backlog.isEmpty() && !closing && ctx.channel().isActive()) {
            if (backlog.peek() instanceof HttpRequest && busy()) {
                break;
            }
            serve(backlog.poll());
        }
        updateReading();
        closeIfAllAnswered();
    }

    private void updateReading() {
        boolean read = !closing && !overflowed && !exchangePaused && !backlog.full();
        if (read != reading) {
            reading = read;
            ctx.channel().config().setAutoRead(read);
        }
    }

    /** Closes once everything written so far has left, so the last answer is not cut short. */
    private void closeWhenWritten() {
        closing = true;
        backlog.releaseAll();
        updateReading();
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        boolean writable = ctx.channel().isWritable();
        if (exchange != null) {
            exchange.clientWritable(writable);
        } else if (writable) {
            drain(); // requests that waited for a slow reader to catch up
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (exchange != null) {
            exchange.clientClosed();
            exchange = null;
        }
        backlog.releaseAll();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("client connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
