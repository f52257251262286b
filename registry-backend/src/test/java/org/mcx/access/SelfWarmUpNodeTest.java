package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mcx.backend.testing.Await;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/**
 * A node that warms up before opening its port (its HTTP/1.1 warm-up refuses one request in 64 on
 * purpose, without a token): none of it shows outside the process — not in the node's counters,
 * not in what it reports to the registry, not in the audit, not at the real services — and the
 * node serves as usual afterwards.
 */
class SelfWarmUpNodeTest extends SasTestBase {
    @Override
    AccessConfig config(AccessConfig defaults) {
        return defaults.withWarmUp(Duration.ofSeconds(2));
    }

    @Test
    void theWarmUpLeavesNoTraceAndTheNodeServesAfterIt() throws Exception {
        assertThat(sas.counters().snapshot().received()).as("requests counted by the node").isZero();
        assertThat(received.requests).as("requests that reached the real services").isEmpty();

        // The node reports a second after it starts, then each second in which something changed: its
        // first report carries whatever it counted or refused since it started, the warm-up included.
        List<Console.AccessNode> nodes = Await.until(this::reports, n -> !n.isEmpty(), "the node's first report",
                10_000);
        assertThat(nodes).allSatisfy(n -> {
            assertThat(n.stats()).as("what node %s reported", n.nodeId()).isNotNull();
            assertThat(n.stats().received()).isZero();
            assertThat(n.stats().denied().values()).allMatch(count -> count == 0);
        });

        assertThat(get("/services/" + profileId + "/groups", token, null).statusCode()).isEqualTo(200);
        assertThat(received.requests.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(sas.counters().snapshot().forwarded()).isEqualTo(1);
        // Last, so that the refusals of that first report, recorded after it is listed, are in the audit by now.
        Console.AuditEntries audit = admin.call(MessageType.AUDIT_LIST, new Console.ListAudit(null, 1000));
        assertThat(audit.entries()).noneMatch(e -> e.action().startsWith("access."));
        assertThat(audit.entries().toString()).doesNotContain(SelfWarmUp.APPLICATION);
    }

    private List<Console.AccessNode> reports() throws Exception {
        return admin.call(MessageType.ACCESS_STATS, new Common.Empty(), Console.AccessNodes.class).nodes();
    }
}
