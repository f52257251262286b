package org.mcx.backend.acms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.RemoteException;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;

/** A console user logged in to one backend, with the events it receives kept for the test to wait on. */
final class ConsoleLink implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    private final ProtocolClient client;
    private final BlockingQueue<Common.Event> events = new LinkedBlockingQueue<>();
    /**
     * Events read while waiting for another one, kept for a later wait: the two systems' links run
     * side by side, so events of one request may come in either order (a partner's answer can
     * overtake its stored indication) and a wait must not throw away what the next one looks for.
     */
    private final List<Common.Event> passedOver = new ArrayList<>();

    private ConsoleLink(ProtocolClient client) {
        this.client = client;
    }

    static ConsoleLink login(URI base, String user, String password) throws Exception {
        ProtocolClient client = ProtocolClient.builder(base, Endpoint.ACMC)
                .authenticator(Authenticator.login(user, password))
                .build();
        client.connect().get(10, TimeUnit.SECONDS);
        ConsoleLink link = new ConsoleLink(client);
        client.addEventListener(link.events::add);
        return link;
    }

    /** Follows the exchanges' (every kind's) and partner events, replaying those after {@code sinceSeq} (null: only new ones). */
    ConsoleLink follow(Long sinceSeq) throws Exception {
        client.subscribe(List.of("serverIdentity.", "partner.", "userMigration.", "groups.", "groupMembership."), sinceSeq)
                .get(10, TimeUnit.SECONDS);
        return this;
    }

    <R extends Body> R call(MessageType type, Body body) throws Exception {
        return client.call(type, body);
    }

    RemoteException refused(MessageType type, Body body, ErrorCode expected) throws Exception {
        try {
            client.call(type, body);
        } catch (RemoteException e) {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(expected);
            return e;
        }
        return fail(type.wireName() + " was accepted; expected " + expected);
    }

    /** The first event not yet waited for on {@code topic} about {@code requestId} (or any partner event when null). */
    Common.Event awaitEvent(String topic, String requestId) throws InterruptedException {
        return awaitEvent(e -> e.topic().equals(topic)
                && (requestId == null || requestId.equals(e.data().path("requestId").asText())), topic + " " + requestId);
    }

    Common.Event awaitEvent(Predicate<Common.Event> wanted, String what) throws InterruptedException {
        for (Iterator<Common.Event> it = passedOver.iterator(); it.hasNext(); ) {
            Common.Event e = it.next();
            if (wanted.test(e)) {
                it.remove();
                return e;
            }
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Common.Event e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e == null) {
                return fail("no event " + what + " within " + WAIT);
            }
            if (wanted.test(e)) {
                return e;
            }
            passedOver.add(e);
        }
    }

    /** Every event received and not yet waited for. */
    List<Common.Event> eventsSoFar() {
        List<Common.Event> all = new ArrayList<>(passedOver);
        all.addAll(events);
        return all;
    }

    Exchange.Request request(String requestId) throws Exception {
        Exchange.Requests all = call(MessageType.SERVER_IDENTITY_LIST, new Exchange.ListRequests(null, null));
        return all.requests().stream().filter(r -> r.requestId().equals(requestId)).findFirst()
                .orElseGet(() -> fail("request " + requestId + " is not listed"));
    }

    /** A request of any kind (docs/acm.md), through {@code acm.list}. */
    Exchange.Request acmRequest(String requestId) throws Exception {
        Exchange.Requests all = call(MessageType.ACM_LIST, new Exchange.AcmList(null, null, null));
        return all.requests().stream().filter(r -> r.requestId().equals(requestId)).findFirst()
                .orElseGet(() -> fail("request " + requestId + " is not listed by acm.list"));
    }

    List<Exchange.Request> requests(Exchange.Direction direction) throws Exception {
        Exchange.Requests all = call(MessageType.SERVER_IDENTITY_LIST, new Exchange.ListRequests(direction, null));
        return all.requests();
    }

    @Override
    public void close() {
        client.close();
    }
}
