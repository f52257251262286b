package org.mcx.backend.acms.outbox;

import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mcx.backend.transport.ConnectionLimits;
import org.mcx.backend.transport.Handlers;
import org.mcx.backend.transport.ListenerConfig;
import org.mcx.backend.transport.PeerSession;
import org.mcx.backend.transport.Principal;
import org.mcx.backend.transport.Router;
import org.mcx.backend.transport.Timers;
import org.mcx.backend.transport.WebSocketListener;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Acms;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.wire.Codec;
import org.mcx.protocol.wire.MessageType;

/**
 * A partner system on the backend's real listener and router that takes only
 * {@code acms.serverIdentityRequest}: it keeps every receipt with the connection it came over, counts
 * how many were on the wire at once, and answers {@code stored} at once or when the test says.
 */
final class ScriptedPartner implements AutoCloseable {
    static final String SECRET = "scripted-partner-secret-1";
    static final Duration WAIT = Duration.ofSeconds(20);

    /** One request as it arrived; {@link #reply()} answers it {@code stored}. */
    record Receipt(String requestId, PeerSession session, CompletableFuture<Acms.Stored> answer) {
        void reply() {
            answer.complete(new Acms.Stored(true));
        }
    }

    private final WebSocketListener listener;
    private final Timers timers;
    private final List<Receipt> all = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Receipt> unclaimed = new LinkedBlockingQueue<>();
    private final AtomicInteger onTheWire = new AtomicInteger();
    private final AtomicInteger mostOnTheWire = new AtomicInteger();
    private volatile boolean holdAnswers;

    private ScriptedPartner(Handlers handlers) throws Exception {
        Codec codec = new Codec();
        this.timers = new Timers();
        ListenerConfig config = new ListenerConfig("127.0.0.1", 0, null, null, Codec.DEFAULT_MAX_MESSAGE_BYTES,
                Duration.ofSeconds(10), ListenerConfig.DEFAULT_IDLE_TIMEOUT, 2000, ConnectionLimits.defaults());
        this.listener = WebSocketListener.start(config, new Router(codec, handlers, (s, t, c, r) -> { }), codec, timers);
    }

    static ScriptedPartner start() throws Exception {
        Handlers handlers = new Handlers();
        ScriptedPartner[] self = new ScriptedPartner[1];
        handlers.on(MessageType.AUTH_PARTNER, Auth.PartnerLogin.class, call -> {
            if (!SECRET.equals(call.body().secret())) {
                throw new ProtocolException(ErrorCode.UNAUTHENTICATED, "wrong secret");
            }
            call.session().authenticate(new Principal.Partner(call.body().systemId()));
            return CompletableFuture.completedFuture(new Auth.PartnerSession(call.body().systemId()));
        }).on(MessageType.SERVER_IDENTITY_REQUEST, Acms.ServerIdentityRequest.class,
                call -> self[0].receive(call.body().requestId(), call.session()));
        self[0] = new ScriptedPartner(handlers);
        return self[0];
    }

    private CompletableFuture<Acms.Stored> receive(String requestId, PeerSession session) {
        mostOnTheWire.accumulateAndGet(onTheWire.incrementAndGet(), Math::max);
        Receipt receipt = new Receipt(requestId, session, new CompletableFuture<>());
        all.add(receipt);
        unclaimed.add(receipt);
        if (!holdAnswers) {
            receipt.reply();
        }
        // Counted off before the router sends the reply, so the next request never finds this one counted.
        return receipt.answer().whenComplete((v, e) -> onTheWire.decrementAndGet());
    }

    /** From now on, requests wait for {@link Receipt#reply()}. */
    void holdAnswers() {
        holdAnswers = true;
    }

    String endpoint() {
        return listener.url() + "/acms";
    }

    /** The next receipt not yet taken by the test. */
    Receipt awaitReceipt() throws InterruptedException {
        Receipt r = unclaimed.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return r != null ? r : fail("no request reached the partner within " + WAIT);
    }

    List<Receipt> receipts() {
        return List.copyOf(all);
    }

    /** The most requests that were on the wire at one time, over all connections. */
    int mostOnTheWire() {
        return mostOnTheWire.get();
    }

    @Override
    public void close() throws Exception {
        listener.close();
        timers.close();
    }
}
