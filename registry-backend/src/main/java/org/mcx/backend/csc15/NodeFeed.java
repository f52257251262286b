package org.mcx.backend.csc15;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import org.mcx.backend.transport.PeerSession;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.wire.Codec;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pushes to one service access server node. The node is registered before its snapshot is
 * read and keeps only what follows it; its pushes are held back until the snapshot's answer is on the wire, so the node
 * never sees an update before the state it applies to. A push that fails or is not acknowledged
 * in time closes the connection: the node reconnects and takes a fresh snapshot, which is the
 * only way to be sure it holds no stale grant.
 */
final class NodeFeed {
    private static final Logger log = LoggerFactory.getLogger(NodeFeed.class);
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    /** A node whose snapshot answer never went out would hold pushes forever; cut it off instead. */
    private static final int MAX_HELD = 10_000;
    static final int CLOSE_STALE = 1011;

    record Push(MessageType type, Body body, long seq) {
    }

    private final PeerSession session;
    private final Codec codec;
    private final Queue<Push> held = new ArrayDeque<>();
    private boolean live;
    private long after = Long.MIN_VALUE;

    NodeFeed(PeerSession session, Codec codec) {
        this.session = session;
        this.codec = codec;
    }

    /** Called in the event log's order, as each change's event is published on this node. */
    synchronized void push(Push push) {
        if (push.seq() <= after) {
            return; // in the snapshot already
        }
        if (live) {
            send(push);
        } else if (held.size() < MAX_HELD) {
            held.add(push);
        } else {
            log.warn("{}: {} pushes held while its snapshot answer was not sent; closing", session.describe(), MAX_HELD);
            session.close(CLOSE_STALE, "snapshot not delivered; take a new one");
        }
    }

    /** The snapshot holds everything up to {@code seq}: only later pushes are sent. */
    synchronized void startAfter(long seq) {
        after = seq;
        held.removeIf(p -> p.seq() <= seq);
    }

    /** The snapshot's answer is on the wire: send what waited, then go live. */
    synchronized void goLive() {
        Push push;
        while ((push = held.poll()) != null) {
            send(push);
        }
        live = true;
    }

    private void send(Push push) {
        session.request(push.type(), push.body(), ACK_TIMEOUT)
                .whenComplete((reply, failure) -> answered(push, reply, failure));
    }

    private void answered(Push push, JsonNode reply, Throwable failure) {
        String problem = failure != null ? failure.toString() : refusal(reply);
        if (problem == null) {
            return;
        }
        if (!session.isOpen()) {
            log.info("{} closed before acknowledging {} seq {}; it takes a fresh snapshot when it reconnects",
                    session.describe(), push.type().wireName(), push.seq());
            return;
        }
        log.warn("{} did not acknowledge {} seq {} ({}); closing so that it reconnects and takes a fresh snapshot",
                session.describe(), push.type().wireName(), push.seq(), problem);
        session.close(CLOSE_STALE, "update not acknowledged; take a new snapshot");
    }

    /** Why an answer is not a success, or null if it is. */
    private String refusal(JsonNode reply) {
        try {
            Common.ResultBody result = codec.decode(reply, Common.ResultBody.class);
            return result.result() == Common.Result.SUCCESS ? null : "answered " + result.result();
        } catch (ProtocolException e) {
            return "bad answer: " + e.getMessage() + " (" + e.field() + ")";
        }
    }
}
