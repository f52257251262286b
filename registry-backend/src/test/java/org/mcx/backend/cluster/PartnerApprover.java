package org.mcx.backend.cluster;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An approver at her console on the partner system: on a thread of her own she looks at what waits
 * for a decision, every few milliseconds, and approves each request she finds. Counts what each of
 * her decisions was accepted for, so that a request decided twice would show.
 */
final class PartnerApprover implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PartnerApprover.class);
    private static final long LOOK_EVERY_MILLIS = 50;

    private final ProtocolClient console;
    private final Map<String, AtomicInteger> approved = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean stopping;

    private PartnerApprover(ProtocolClient console) {
        this.console = console;
        this.thread = new Thread(this::run, "partner-approver");
        this.thread.setDaemon(true);
    }

    static PartnerApprover start(URI system, String user, String password) throws Exception {
        ProtocolClient console = ProtocolClient.builder(system, Endpoint.ACMC).name("approver-" + user)
                .authenticator(Authenticator.login(user, password)).build();
        console.connect().get(30, TimeUnit.SECONDS);
        PartnerApprover approver = new PartnerApprover(console);
        approver.thread.start();
        return approver;
    }

    private void run() {
        while (!stopping) {
            try {
                for (Exchange.Request r : console.call(MessageType.SERVER_IDENTITY_PENDING, new Common.Empty(),
                        Exchange.Requests.class).requests()) {
                    console.call(MessageType.SERVER_IDENTITY_DECIDE, new Exchange.Decide(r.requestId(),
                            Exchange.ApproverDecision.APPROVE, null), Exchange.StatusResult.class);
                    approved.computeIfAbsent(r.requestId(), id -> new AtomicInteger()).incrementAndGet();
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) { // B is never killed: whatever this is, the report should show it
                log.warn("approver: {}", e.toString());
            }
            try {
                Thread.sleep(LOOK_EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** How many of her decisions were accepted, per request. */
    Map<String, Integer> approved() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        approved.forEach((id, n) -> out.put(id, n.get()));
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.interrupt();
        thread.join(5_000);
        console.close();
    }
}
