package org.mcx.access;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Against slowloris and idle hoarding: from the moment a connection opens, or its last response is
 * written, the next request's whole head must arrive within the deadline, however slowly its bytes
 * drip. The proxy says when a head has arrived ({@link #headArrived}) and when the connection waits
 * for the next one ({@link #awaitNext}).
 */
final class HeadDeadline extends ChannelInboundHandlerAdapter {
    private final long nanos;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;

    HeadDeadline(long nanos) {
        this.nanos = nanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        arm();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    void headArrived() {
        cancel();
    }

    /** The last response is written: the next request's head starts its own clock. */
    void awaitNext() {
        arm();
    }

    private void arm() {
        if (nanos <= 0) {
            return;
        }
        cancel();
        timer = ctx.executor().schedule(() -> {
            timer = null;
            ctx.close();
        }, nanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (nanos <= 0) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
