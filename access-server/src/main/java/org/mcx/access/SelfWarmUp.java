package org.mcx.access;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.mcx.protocol.message.Csc15;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.Priority;
import org.mcx.protocol.model.RateLimit;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.model.UserAccess;
import org.mcx.protocol.token.UserTokenFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before a node opens its port it can serve itself for a moment ({@code --warm-up}, off by default:
 * on two cores it did not pay, docs/benchmarks.md), and a training run for a class-data archive
 * or AOT cache does only this ({@code --class-archive-training}): a client inside the process sends
 * requests through the very pipeline applications will meet (TLS, HTTP/1.1 and HTTP/2, every
 * check, the forward to an upstream and back) to an upstream inside the process, until the JIT has
 * compiled that path and goes quiet, or the budget is spent. Without it the first applications
 * meet interpreted code and a JIT that competes with the event loops for the cores: on two cores
 * the SAS took 18–25 s to reach 90% of its steady throughput, nginx and HAProxy 1–2 s
 * (docs/benchmarks.md, sas-vs-nginx, issue 15).
 *
 * <p>The warm-up has grants of its own (an application, a user and a token key that exist only
 * here, the key thrown away after), its own counters and no link to the registry: nothing of it
 * reaches the registry, the audit or the node's metrics, and its listener (on loopback, an
 * ephemeral port), its upstream and every connection are closed before the node's port opens. It
 * runs on the node's own event loops, so the code they will run is the code compiled.
 */
final class SelfWarmUp {
    private static final Logger log = LoggerFactory.getLogger(SelfWarmUp.class);
    static final String APPLICATION = "mcx-sas-warm-up";
    static final String USER = "mcx-sas-warm-up-user";
    static final String PROFILE_OWN_LIMIT = "warm-up-profile-1";
    static final String PROFILE_NODE_LIMIT = "warm-up-profile-2";
    /** Below this the JIT is quiet: it compiled less than 4% of the time of a window. */
    private static final double QUIET_SHARE = 0.04;
    private static final Duration WINDOW = Duration.ofMillis(250);
    /** Load for at least this long before the JIT's silence counts: at first it has not started. */
    private static final Duration MIN_LOAD = Duration.ofMillis(1500);
    /** What the in-process upstream answers: about the size of a small service response. */
    private static final byte[] BODY = ("{\"groups\":[{\"groupId\":\"warm-up\",\"members\":12,\"priority\":\"normal\","
            + "\"updatedAt\":\"2026-01-01T00:00:00Z\"},{\"groupId\":\"warm-up-2\",\"members\":3,\"priority\":\"normal\","
            + "\"updatedAt\":\"2026-01-01T00:00:00Z\"}],\"next\":null}").getBytes(StandardCharsets.US_ASCII);

    /** What the warm-up did, for the log and the tests. */
    record Result(long http1Answered, long http2Answered, long forwarded, long failures, long connections, Duration took,
                  boolean jitQuiet, List<InetSocketAddress> listened) {
        static final Result NONE = new Result(0, 0, 0, 0, 0, Duration.ZERO, false, List.of());
    }

    private SelfWarmUp() {
    }

    /**
     * Serves the node's pipeline to itself for up to {@code budget}. Never fails the start: a warm-up
     * that cannot run leaves the node to start cold, and says so.
     *
     * @param serverTls the listener's TLS, or null for plain HTTP (then HTTP/1.1 only, as the node serves)
     */
    static Result run(AccessConfig config, EventLoopGroup workers, Transport transport, SslProvider engine,
                      SslContext serverTls, SslContext upstreamTls, Duration budget) {
        if (budget.isZero() || budget.isNegative()) {
            return Result.NONE;
        }
        long started = System.nanoTime();
        ChannelGroup opened = new DefaultChannelGroup("sas-warm-up", GlobalEventExecutor.INSTANCE);
        AccessCounters counters = new AccessCounters();
        WarmUpClient client = null;
        try (DenialReporter nowhere = new DenialReporter(counters, report -> CompletableFuture.completedFuture(null))) {
            Channel upstream = new ServerBootstrap().group(workers).channel(transport.serverChannel())
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            opened.add(ch);
                            ch.pipeline().addLast(new HttpServerCodec(), new StubService());
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            opened.add(upstream);
            KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Grants grants = new Grants();
            grants.replace(snapshot(keys, ((InetSocketAddress) upstream.localAddress()).getPort()));
            Gateway gateway = new Gateway(config, new AccessChecks(grants, () -> true, new RateLimits(1e9, 1e9),
                    counters, nowhere), new Admission(config.maxInFlight()), counters, nowhere);
            Map<EventLoop, Upstreams> upstreams = new ConcurrentHashMap<>();
            FrontendInitializer frontend = new FrontendInitializer(gateway,
                    new ClientConnections(config.maxConnectionsPerAddress(), counters), serverTls,
                    loop -> upstreams.computeIfAbsent(loop, l -> new Upstreams(l, transport.clientChannel(), upstreamTls, 2000)));
            Channel listener = new ServerBootstrap().group(workers).channel(transport.serverChannel())
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            opened.add(ch);
                            ch.pipeline().addLast(frontend);
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            opened.add(listener);
            String token = token(keys.getPrivate());
            client = new WarmUpClient(transport, engine, serverTls != null,
                    (InetSocketAddress) listener.localAddress(), token, List.of(PROFILE_OWN_LIMIT, PROFILE_NODE_LIMIT));
            client.start();
            boolean quiet = awaitQuietJit(started, budget);
            client.stop();
            Result result = new Result(client.http1Answered(), client.http2Answered(), counters.snapshot().forwarded(),
                    client.failures(), client.connections(), Duration.ofNanos(System.nanoTime() - started), quiet,
                    List.of((InetSocketAddress) listener.localAddress(), (InetSocketAddress) upstream.localAddress()));
            if (result.forwarded() == 0) {
                log.warn("warm-up forwarded no request in {} ms ({} failures); the node starts cold",
                        result.took().toMillis(), result.failures());
            } else {
                log.info("warmed up in {} ms: {} requests through the request path ({}, {} connections), {}",
                        result.took().toMillis(), result.forwarded(),
                        serverTls == null ? "HTTP/1.1" : "HTTP/1.1 and HTTP/2 over TLS", result.connections(),
                        quiet ? "the JIT quiet" : "the JIT still compiling at the end of the budget");
            }
            return result;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("warm-up failed after {} ms; the node starts cold", (System.nanoTime() - started) / 1_000_000, e);
            return new Result(0, 0, 0, 1, 0, Duration.ofNanos(System.nanoTime() - started), false, List.of());
        } finally {
            if (client != null) {
                client.close();
            }
            // Its listener, upstream and every connection to them, the SAS's pooled ones included (the stub closes them).
            // TLS connections wait up to 3 s for their close_notify to be flushed.
            if (!opened.close().awaitUninterruptibly(5, TimeUnit.SECONDS)) {
                log.warn("the warm-up's listener and connections were not all closed within 5 s");
            }
        }
    }

    /**
     * Until the JIT has compiled less than {@link #QUIET_SHARE} of two windows in a row (after
     * {@link #MIN_LOAD}), or the budget is spent. The JIT's accumulated compilation time is the one
     * signal that says the request path is compiled, whatever the machine's speed.
     */
    private static boolean awaitQuietJit(long started, Duration budget) throws InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean measurable = jit != null && jit.isCompilationTimeMonitoringSupported();
        long deadline = started + budget.toNanos();
        long loadUntil = System.nanoTime() + MIN_LOAD.toNanos();
        long lastCompileMillis = measurable ? jit.getTotalCompilationTime() : 0;
        int quietWindows = 0;
        while (System.nanoTime() + WINDOW.toNanos() <= deadline) {
            Thread.sleep(WINDOW.toMillis());
            if (!measurable) {
                continue;
            }
            long compileMillis = jit.getTotalCompilationTime();
            boolean quiet = compileMillis - lastCompileMillis < WINDOW.toMillis() * QUIET_SHARE;
            lastCompileMillis = compileMillis;
            quietWindows = quiet && System.nanoTime() >= loadUntil ? quietWindows + 1 : 0;
            if (quietWindows >= 2) {
                return true;
            }
        }
        return false;
    }

    /**
     * Two profiles, one with its own rate limit and one on the node's, so that both of the checks'
     * branches are compiled as taken; a user allowed the service and emergency priority.
     */
    private static Csc15.Snapshot snapshot(KeyPair keys, int upstreamPort) {
        ServiceRef service = new ServiceRef(ServiceType.GM, "CSC-2");
        ApplicationProfile own = new ApplicationProfile(PROFILE_OWN_LIMIT, 0, APPLICATION, service, null, null, 1L,
                Instant.EPOCH, null, new RateLimit(1e6, 1e6)); // the protocol's maximum
        ApplicationProfile nodes = new ApplicationProfile(PROFILE_NODE_LIMIT, 1, APPLICATION, service, null, null, 1L,
                Instant.EPOCH, null, null);
        return new Csc15.Snapshot(List.of(new Csc15.ApplicationGrants(APPLICATION, false, List.of(own, nodes))),
                List.of(new UserAccess(USER, true, List.of(ServiceType.GM), Instant.EPOCH, Priority.EMERGENCY)), 1,
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()),
                List.of(new Csc15.ServicePool(ServiceType.GM, "CSC-2",
                        List.of(new Csc15.ServiceEndpoint("warm-up-instance", "http", "127.0.0.1", upstreamPort, "/gm")))),
                0, 1);
    }

    /** A user token as the registry makes one (TokenSigner), signed by the warm-up's own key. */
    private static String token(PrivateKey key) throws Exception {
        Instant now = Instant.now();
        String unsigned = UserTokenFormat.unsigned(new UserTokenFormat.Claims(APPLICATION, USER, now.minusSeconds(60),
                now.plus(Duration.ofHours(1))));
        Signature ed = Signature.getInstance("Ed25519");
        ed.initSign(key);
        ed.update(unsigned.getBytes(StandardCharsets.US_ASCII));
        return unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(ed.sign());
    }

    /** The in-process service instance: a small JSON answer to every request, keep-alive. */
    private static final class StubService extends SimpleChannelInboundHandler<HttpObject> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof LastHttpContent) {
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.wrappedBuffer(BODY));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length)
                        .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
                ctx.writeAndFlush(response);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("warm-up upstream connection failed: {}", cause.toString());
            ctx.close();
        }
    }
}
