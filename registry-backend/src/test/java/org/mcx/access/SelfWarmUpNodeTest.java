package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
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

        Thread.sleep(2500); // the node reports refusals and counters once a second: two reports' time
        Console.AuditEntries audit = admin.call(MessageType.AUDIT_LIST, new Console.ListAudit(null, 1000));
        assertThat(audit.entries()).noneMatch(e -> e.action().startsWith("access."));
        assertThat(audit.entries().toString()).doesNotContain(SelfWarmUp.APPLICATION);
        Console.AccessNodes stats = admin.call(MessageType.ACCESS_STATS, new Common.Empty(), Console.AccessNodes.class);
        assertThat(stats.nodes()).allSatisfy(n -> {
            if (n.stats() != null) {
                assertThat(n.stats().received()).isZero();
                assertThat(n.stats().denied().values()).allMatch(count -> count == 0);
            }
        });

        assertThat(get("/services/" + profileId + "/groups", token, null).statusCode()).isEqualTo(200);
        assertThat(received.requests.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(sas.counters().snapshot().forwarded()).isEqualTo(1);
    }
}
