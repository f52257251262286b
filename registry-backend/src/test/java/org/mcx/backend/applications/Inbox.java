package org.mcx.backend.applications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.mcx.protocol.client.AsyncRequestHandler;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Csc14.NotifyApplicationProfile;

/**
 * The notifications one test application receives. Each is held until the test answers it, so a
 * test decides whether and when to acknowledge; the answer is written to the wire on the test's
 * thread, before anything the test sends next on the same client.
 */
public final class Inbox {
    public record Delivery(NotifyApplicationProfile notification, CompletableFuture<Common.ResultBody> answer) {
        public Delivery ack() {
            answer.complete(Common.ResultBody.success());
            return this;
        }

        public String applicationProfileId() {
            return notification.applicationProfileId();
        }

        public long version() {
            return notification.version();
        }
    }

    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private final boolean autoAck;

    private Inbox(boolean autoAck) {
        this.autoAck = autoAck;
    }

    /** Acknowledges every notification as soon as it arrives. */
    public static Inbox acking() {
        return new Inbox(true);
    }

    /** Leaves every notification unanswered until the test calls {@link Delivery#ack()}. */
    public static Inbox manual() {
        return new Inbox(false);
    }

    AsyncRequestHandler<NotifyApplicationProfile> handler() {
        return n -> {
            Delivery d = new Delivery(n, new CompletableFuture<>());
            if (autoAck) {
                d.ack();
            }
            deliveries.add(d);
            return d.answer();
        };
    }

    public Delivery next() throws InterruptedException {
        Delivery d = deliveries.poll(10, TimeUnit.SECONDS);
        assertThat(d).as("a notifyApplicationProfile within 10 s").isNotNull();
        return d;
    }

    public boolean isEmpty() {
        return deliveries.isEmpty();
    }
}
