package org.mcx.access;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Against clients that stop reading: an HTTP/1.1 connection that stays unwritable for the idle
 * timeout — its client took nothing of what it was sent — is closed ({@link Http2StreamClient}
 * does the same for an HTTP/2 stream). Without it, an answer the
 * client never reads would hold its exchange's admission slot and upstream connection for as long as
 * the client likes: once an answer has started, no other deadline runs.
 */
final class StallDeadline extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(StallDeadline.class);

    private final long millis;
    private final AccessCounters counters;
    private ScheduledFuture<?> timer;

    StallDeadline(long millis, AccessCounters counters) {
        this.millis = millis;
        this.counters = counters;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            cancel();
        } else if (timer == null && millis > 0) {
            timer = ctx.executor().schedule(() -> {
                timer = null;
                if (!ctx.channel().isWritable()) {
                    counters.denied("slow-reader");
                    log.debug("client {} took nothing for {} ms; closing", ctx.channel().remoteAddress(), millis);
                    ctx.close();
                }
            }, millis, TimeUnit.MILLISECONDS);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
