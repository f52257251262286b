package org.mcx.backend.acms.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.mcx.backend.store.Sql;
import org.mcx.backend.store.StoreConfig;
import org.mcx.protocol.message.Acms;
import org.mcx.protocol.wire.MessageType;

/** A {@link TestNode} with its partner links running: it holds partners, drains their outboxes and records outcomes. */
final class OutboxNode implements AutoCloseable {
    final TestNode node;
    final PartnerLinks links;
    private boolean dead;

    private OutboxNode(TestNode node, PartnerLinks links) {
        this.node = node;
        this.links = links;
    }

    /** Started; with {@code crashed}, its records fail ({@link RecordingAcks}). */
    static OutboxNode start(StoreConfig store, String instanceId, OwnershipConfig config, RecordingAcks acks,
                            CountDownLatch crashed) {
        TestNode node = TestNode.open(store, instanceId);
        PartnerLinks links = new PartnerLinks(node.ctx, new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)),
                acks.forNode(instanceId, crashed), config);
        links.start();
        return new OutboxNode(node, links);
    }

    String instance() {
        return node.ctx.instanceId();
    }

    /** Writes a request for {@code partner} into the outbox, as a change on this node would; returns its id. */
    String enqueue(String partner) {
        return enqueue(node, links.outbox(), partner);
    }

    static String enqueue(TestNode node, Outbox outbox, String partner) {
        String requestId = UUID.randomUUID().toString();
        node.ctx.db().write(tx -> outbox.enqueue(tx, partner, requestId, MessageType.SERVER_IDENTITY_REQUEST,
                new Acms.ServerIdentityRequest(requestId, TestNode.SYSTEM, "admin", List.of("alice"),
                        Instant.parse("2026-11-22T10:00:00Z")))).join();
        return requestId;
    }

    long waiting(String partner) {
        return node.ctx.db().read(c -> Sql.queryLong(c, "SELECT COUNT(*) FROM acms_outbox WHERE partner_system_id = ?",
                partner)).join();
    }

    /** Stops as a killed process would: nothing released, nothing more written. */
    void die() {
        dead = true;
        links.die();
        node.close();
    }

    @Override
    public void close() {
        if (!dead) {
            links.close();
            node.close();
        }
    }
}
