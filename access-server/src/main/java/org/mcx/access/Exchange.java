package org.mcx.access;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.mcx.protocol.message.Csc15.ServiceEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authorized request on its way to an instance and its answer on the way back (10.X.5 steps
 * 3-5). Everything runs on the client connection's event loop, which also owns the upstream
 * connection, so no state here needs a lock.
 *
 * <p>A request body is read whole (up to {@link #WHOLE_BODY_BYTES}) before anything goes upstream,
 * and then sent with its {@code Content-Length}: a chunked body the decoder finds malformed part-way
 * ({@code 3\r\nabc\r\nzz}) is refused with nothing sent. A larger body streams through piece by
 * piece, with back-pressure; if it turns out malformed, the upstream connection is reset before the
 * last chunk, so the instance never holds a complete request. Trailer fields are dropped, all of
 * them. Answers stream back piece by piece; nothing is held whole.
 */
final class Exchange {
    private static final Logger log = LoggerFactory.getLogger(Exchange.class);
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");
    /** Bodies up to this size are read whole before the request goes upstream: the write buffer's high mark. */
    static final int WHOLE_BODY_BYTES = 64 * 1024;

    private final ClientSide client;
    private final Gateway gateway;
    private final Upstreams upstreams;
    private final HttpRequest head;
    private final boolean clientKeepAlive;
    private final boolean hasBody;
    private final long started = System.nanoTime();
    private final List<HttpContent> waiting = new ArrayList<>(2);
    private Target target;
    private Channel upstream;
    private boolean reused;
    private boolean collecting;
    private boolean headSent;
    private boolean requestDone;
    private boolean lastSent;
    private boolean pausedByUpstream;
    private boolean responseStarted;
    private boolean upstreamKeepAlive;
    private boolean skippingInformational;
    private boolean finished;
    private long bodyBytes;
    private ScheduledFuture<?> timeout;

    Exchange(ClientSide client, Gateway gateway, Upstreams upstreams, Target target, HttpRequest head, String query,
             boolean clientKeepAlive) {
        this.client = client;
        this.gateway = gateway;
        this.upstreams = upstreams;
        this.target = target;
        this.clientKeepAlive = clientKeepAlive;
        if (head instanceof FullHttpRequest whole) {
            // An HTTP/2 request without a body comes whole. Kept as a bare head (its empty content
            // released) so that a retry can write it again.
            this.head = new DefaultHttpRequest(whole.protocolVersion(), whole.method(), whole.uri(), whole.headers());
            whole.release();
            requestDone = true;
        } else {
            this.head = head;
        }
        this.hasBody = HttpUtil.getContentLength(this.head, 0L) > 0 || HttpUtil.isTransferEncodingChunked(this.head);
        ForwardedHeaders.toUpstream(this.head, target, query);
    }

    void start() {
        if (hasBody && !requestDone) {
            collecting = true;
            scheduleTimeout(); // the body, then the answer, within the upstream timeout
            return;
        }
        send();
    }

    private void send() {
        Channel pooled = upstreams.pooled(target.instance());
        if (pooled != null) {
            attach(pooled, true);
        } else {
            connect();
        }
    }

    boolean requestDone() {
        return requestDone;
    }

    /** A piece of the request body from the client. */
    void requestContent(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            Throwable cause = content.decoderResult().cause();
            content.release();
            malformed(Unreadable.body(cause));
            return;
        }
        if (content instanceof LastHttpContent last) {
            requestDone = true;
            content = ForwardedHeaders.withoutTrailers(last);
        }
        bodyBytes += content.content().readableBytes();
        if (bodyBytes > gateway.config().maxBodyBytes()) {
            content.release();
            fail(413, "Content Too Large", "too-large", "the body is over the limit", false);
            return;
        }
        if (collecting) {
            waiting.add(content);
            if (requestDone) {
                collecting = false;
                ForwardedHeaders.wholeBody(head, bodyBytes);
                send();
            } else if (bodyBytes > WHOLE_BODY_BYTES) {
                collecting = false; // too large to hold: stream it, guarded by resetting on a malformed end
                send();
            }
            return;
        }
        if (upstream == null) {
            waiting.add(content); // still connecting
            return;
        }
        write(content);
        upstream.flush();
        if (!requestDone && !upstream.isWritable()) {
            pausedByUpstream = true;
            client.pauseReading(true);
        }
    }

    /**
     * The decoder found the chunked body malformed and reads no more of this connection. Nothing of
     * the request may complete upstream: if its head is there already, the connection is reset.
     */
    private void malformed(Refusal r) {
        requestDone = true; // nothing more will come
        fail(r.status, r.title, r.reason, r.getMessage(), false);
    }

    private void write(HttpContent content) {
        lastSent |= content instanceof LastHttpContent;
        upstream.write(content);
    }

    /** What the instance answers: a head, pieces of body, the end. */
    void fromUpstream(HttpObject msg) {
        if (finished) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse response) {
            if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                skippingInformational = true; // 100/102/103: this proxy answers Expect itself
                return;
            }
            cancelTimeout();
            responseStarted = true;
            upstreamKeepAlive = HttpUtil.isKeepAlive(response);
            ForwardedHeaders.toClient(response, target, clientKeepAlive && requestDone);
            client.write(response);
        }
        if (msg instanceof HttpContent content) {
            if (skippingInformational) {
                skippingInformational = !(content instanceof LastHttpContent);
                content.release();
                return;
            }
            boolean last = content instanceof LastHttpContent;
            client.writeAndFlush(content);
            if (last) {
                complete();
            } else if (!client.isWritable()) {
                upstream.config().setAutoRead(false);
            }
        }
    }

    void upstreamWritable(boolean writable) {
        boolean pause = !writable && !requestDone;
        if (pause != pausedByUpstream) {
            pausedByUpstream = pause;
            client.pauseReading(pause);
        }
    }

    void clientWritable(boolean writable) {
        if (upstream != null) {
            upstream.config().setAutoRead(writable);
        }
    }

    /** The instance closed the connection (or it broke) before the answer was complete. */
    void upstreamClosed() {
        if (finished) {
            return;
        }
        if (!responseStarted && reused && retryable(false)) {
            // A pooled connection the instance had closed meanwhile: the request never reached it.
            detach(false);
            connect();
            return;
        }
        if (responseStarted) {
            abandon(); // part of the answer is out: the client can only be told by the connection closing
            client.abort();
            return;
        }
        fail(503, "Service Unavailable", "upstream-failed", "the service could not be reached", clientKeepAlive);
    }

    /** The client went away: nothing more to forward in either direction. */
    void clientClosed() {
        if (!finished) {
            abandon();
        }
    }

    private void connect() {
        ServiceEndpoint instance = target.instance();
        ChannelFuture connecting = upstreams.connect(instance);
        connecting.addListener(f -> {
            if (f.isSuccess()) {
                attach(connecting.channel(), false);
            } else {
                connectFailed(f.cause());
            }
        });
    }

    private void connectFailed(Throwable cause) {
        if (finished) {
            return;
        }
        boolean refused = cause instanceof ConnectException;
        if (refused) {
            target.pool().failed(target.instance());
        }
        ServiceEndpoint other = refused && retryable(true) ? target.pool().pick(target.instance()) : null;
        if (other != null && !other.equals(target.instance())) {
            gateway.counters().retried();
            target = target.to(other);
            ForwardedHeaders.retarget(head, target);
            connect();
            return;
        }
        log.debug("no connection to {} for {}: {}", target.instance().serviceId(),
                target.route().applicationProfileId(), cause.toString());
        fail(503, "Service Unavailable", "upstream-failed", "the service could not be reached", clientKeepAlive);
    }

    private void attach(Channel channel, boolean pooled) {
        if (finished) {
            upstreams.release(target.instance(), channel);
            return;
        }
        upstream = channel;
        reused = pooled;
        channel.pipeline().get(UpstreamHandler.class).serve(this);
        headSent = true;
        lastSent = false;
        channel.write(head);
        for (HttpContent c : waiting) {
            write(c);
        }
        waiting.clear();
        if (requestDone && !lastSent) {
            write(LastHttpContent.EMPTY_LAST_CONTENT); // a retry on a new connection: the end went to the old one
        }
        channel.flush();
        scheduleTimeout();
    }

    private void scheduleTimeout() {
        cancelTimeout();
        long millis = gateway.config().upstreamTimeout().toMillis();
        timeout = client.executor().schedule(this::timedOut, millis, TimeUnit.MILLISECONDS);
    }

    private void timedOut() {
        timeout = null;
        if (finished || responseStarted) {
            return;
        }
        if (!requestDone && !pausedByUpstream) {
            fail(408, "Request Timeout", "body-timeout", "the request body did not arrive in time", false);
        } else {
            fail(504, "Gateway Timeout", "upstream-timeout", "the service did not answer in time", clientKeepAlive);
        }
    }

    private void complete() {
        finished = true;
        gateway.admission().leave();
        gateway.counters().forwarded(System.nanoTime() - started);
        detach(upstreamKeepAlive && requestDone);
        client.exchangeDone(clientKeepAlive && requestDone, requestDone);
    }

    private void fail(int status, String title, String reason, String detail, boolean keepAlive) {
        if (finished) {
            return;
        }
        finished = true;
        gateway.admission().leave();
        gateway.counters().upstreamFailed(reason);
        gateway.reporter().denied(reason, target.route().applicationId(), target.mcServiceId(),
                target.route().applicationProfileId());
        detach(false);
        releaseWaiting();
        if (responseStarted) {
            client.abort();
            return;
        }
        boolean keep = keepAlive && requestDone;
        client.writeAndFlush(Problem.of(status, title, detail, status == 503 ? 1 : 0, !keep));
        client.exchangeDone(keep, requestDone);
    }

    private void abandon() {
        finished = true;
        gateway.admission().leave();
        detach(false);
        releaseWaiting();
    }

    /**
     * Lets go of the upstream connection: back to the pool when it is clean, else closed — reset,
     * when the instance has part of a request, so it cannot take what it has for a complete one.
     */
    private void detach(boolean reusable) {
        cancelTimeout();
        if (upstream == null) {
            return;
        }
        upstream.pipeline().get(UpstreamHandler.class).idle();
        upstream.config().setAutoRead(true);
        if (reusable) {
            upstreams.release(target.instance(), upstream);
        } else {
            if (headSent && !lastSent) {
                upstream.config().setOption(ChannelOption.SO_LINGER, 0); // RST, not FIN; unsent bytes dropped
            }
            upstream.close();
        }
        upstream = null;
    }

    private boolean retryable(boolean countsAsRetry) {
        return IDEMPOTENT.contains(head.method().name()) && !hasBody && !(countsAsRetry && target.retried());
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    private void releaseWaiting() {
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
    }
}
