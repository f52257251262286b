package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.server.SelfSignedCertificate;

/**
 * The warm-up drives the node's real pipeline (real sockets on loopback, real TLS) and leaves
 * nothing behind: no thread of its own and no open channel on the node's event loops.
 */
class SelfWarmUpTest {
    private EventLoopGroup workers;

    @BeforeEach
    void loops() {
        workers = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("mcx-sas", true), Transport.NIO.ioHandlers());
    }

    @AfterEach
    void stop() {
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void plainHttpIsForwardedThroughEveryCheckAndTheRefusalPathIsTaken() throws Exception {
        SelfWarmUp.Result r = SelfWarmUp.run(AccessConfig.defaults("127.0.0.1", 0), workers, Transport.NIO,
                SslProvider.JDK, null, null, Duration.ofSeconds(2));

        assertThat(r.failures()).isZero();
        // Counts, not rates: a loaded machine's cold JVM serves a few hundred requests in its first seconds.
        assertThat(r.forwarded()).as("requests through every check to the upstream").isPositive();
        assertThat(r.http1Answered()).isGreaterThan(r.forwarded()); // one in 64 refused, without a token
        assertThat(r.http2Answered()).as("no HTTP/2 without TLS, as the node serves").isZero();
        assertThat(r.took()).isLessThan(Duration.ofSeconds(5));
        // Connections come and go, as in service: none answers more than its share before another replaces it.
        assertThat(r.http1Answered()).isLessThanOrEqualTo(r.connections() * WarmUpClient.REQUESTS_PER_CONNECTION);
        assertNothingLeft(r);
    }

    @Test
    void overTlsBothHttpVersionsAreServed(@TempDir Path dir) throws Exception {
        Path keystore = SelfSignedCertificate.ensure(dir, "localhost");
        SslProvider engine = ServerTls.provider();
        SslContext tls = ServerTls.forServer(engine, keystore, SelfSignedCertificate.password(keystore)).context();

        SelfWarmUp.Result r = SelfWarmUp.run(AccessConfig.defaults("127.0.0.1", 0), workers, Transport.NIO, engine, tls,
                ServerTls.forUpstreams(engine), Duration.ofSeconds(3));

        assertThat(r.failures()).isZero();
        assertThat(r.http1Answered()).isPositive();
        assertThat(r.http2Answered()).isPositive();
        assertThat(r.forwarded()).isPositive();
        assertThat(r.http1Answered() + r.http2Answered())
                .isLessThanOrEqualTo(r.connections() * WarmUpClient.REQUESTS_PER_CONNECTION);
        assertNothingLeft(r);
    }

    @Test
    void noBudgetNoWarmUp() {
        SelfWarmUp.Result r = SelfWarmUp.run(AccessConfig.defaults("127.0.0.1", 0), workers, Transport.NIO,
                SslProvider.JDK, null, null, Duration.ZERO);

        assertThat(r).isEqualTo(SelfWarmUp.Result.NONE);
    }

    /** Its client's thread is gone and its listener and upstream are closed, with every connection to them. */
    private static void assertNothingLeft(SelfWarmUp.Result r) throws InterruptedException {
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("mcx-sas-warm-up") && t.isAlive());
        assertThat(r.listened()).hasSize(2);
        for (InetSocketAddress address : r.listened()) {
            assertThat(refused(address)).as("%s still accepts connections", address).isTrue();
        }
    }

    private static boolean refused(InetSocketAddress address) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            try (Socket s = new Socket(address.getAddress(), address.getPort())) {
                Thread.sleep(100); // accepted: the port is still open, or was when the connection queued
            } catch (ConnectException e) {
                return true;
            } catch (IOException e) {
                Thread.sleep(100); // reset: it was closing while this connection queued
            }
        }
        return false;
    }
}
