package org.mcx.backend.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.registry.RegistryTestKit.registration;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mcx.protocol.message.Registration.RegisterService;
import org.mcx.protocol.model.ServiceCapability;
import org.mcx.protocol.model.ServiceType;

/** The in-memory table: grouping into capabilities, replacement, liveness and what is cached. */
class LeaseTableTest {
    private static final long SECOND = 1_000_000_000L;
    private final LeaseTable table = new LeaseTable();
    private long now = Long.MAX_VALUE - 20 * SECOND; // near overflow: deadlines must be compared by subtraction
    private int leases;
    private long order;

    @Test
    void instancesOfOneCapabilityAreOneEntryWithTheUnionOfProtocols() {
        put("node-a", ptt("ptt-1", List.of("SIP", "HTTP"), "Push to talk", "group-call"));
        put("node-a", ptt("ptt-2", List.of("WS", "HTTP"), "Push to talk", "group-call"));
        put("node-b", ptt("ptt-3", List.of("HTTP"), "Push to talk", "group-call"));

        assertThat(table.catalog().all()).containsExactly(new ServiceCapability(ServiceType.MCPTT, "MCPTT-1",
                List.of("HTTP", "SIP", "WS"), "1.0", "Push to talk", List.of("group-call")));
    }

    @Test
    void versionsAreSeparateCapabilitiesButOneRoutingPool() {
        put("node-a", registration("a", ServiceType.GM, "CSC-2", "1.0", 30, List.of("HTTP"), "10.0.0.1", 1, Map.of()));
        put("node-a", registration("b", ServiceType.GM, "CSC-2", "2.0", 30, List.of("HTTP"), "10.0.0.2", 2, Map.of()));

        assertThat(table.catalog().all()).extracting(ServiceCapability::version).containsExactly("1.0", "2.0");
        assertThat(table.liveInstances(ServiceType.GM, "CSC-2", now)).extracting(Instance::host)
                .containsExactly("10.0.0.1", "10.0.0.2");
    }

    @Test
    void theNewestRegistrationDescribesTheCapability() {
        put("node-a", ptt("ptt-1", List.of("HTTP"), "old build", "a"));
        Lease newest = put("node-a", ptt("ptt-2", List.of("HTTP"), "new build", "a, b ,,b"));
        assertThat(table.catalog().all().get(0).description()).isEqualTo("new build");
        assertThat(table.catalog().all().get(0).capabilities()).containsExactly("a", "b");

        table.remove(newest);
        assertThat(table.catalog().all().get(0).description()).isEqualTo("old build");
    }

    @Test
    void heartbeatsAndLookalikeInstancesLeaveTheCatalogAlone() {
        Lease first = put("node-a", ptt("ptt-1", List.of("HTTP"), "d", "c"));
        Catalog catalog = table.catalog();

        first.renew(now + SECOND, 0);
        put("node-b", ptt("ptt-2", List.of("HTTP"), "d", "c"));
        assertThat(table.catalog()).isSameAs(catalog);

        put("node-c", ptt("ptt-3", List.of("HTTP", "SIP"), "d", "c"));
        assertThat(table.catalog()).isNotSameAs(catalog);
    }

    @Test
    void aNodeReRegisteringAServiceReplacesItsLease() {
        Lease old = put("node-a", ptt("ptt-1", List.of("HTTP"), "d", "c"));
        Lease fresh = put("node-a", ptt("ptt-1", List.of("HTTP"), "d", "c"));

        assertThat(table.all()).containsExactly(fresh);
        assertThat(table.find(old.leaseId())).isNull();
        assertThat(old.renew(now, 0)).as("an ended lease cannot be renewed").isFalse();
        assertThat(table.findByOwner("node-a", "ptt-1")).isSameAs(fresh);
        assertThat(table.remove(old)).isFalse();
        assertThat(table.all()).containsExactly(fresh);
    }

    @Test
    void theLastInstanceTakesItsCapabilityAlong() {
        Lease a = put("node-a", ptt("ptt-1", List.of("HTTP"), "d", "c"));
        Lease b = put("node-b", ptt("ptt-1", List.of("SIP"), "d", "c"));

        table.remove(a);
        assertThat(table.catalog().all()).extracting(ServiceCapability::protocols).containsExactly(List.of("SIP"));
        table.remove(b);
        assertThat(table.catalog().all()).isEmpty();
        assertThat(table.liveInstances(ServiceType.MCPTT, "MCPTT-1", now)).isEmpty();
    }

    @Test
    void liveInstancesAreCachedUntilTheEarliestDeadlinePasses() {
        Lease shortLived = put("node-a", ptt("ptt-1", List.of("HTTP"), "d", "c"), 5);
        put("node-a", ptt("ptt-2", List.of("HTTP"), "d", "c"), 60);

        List<Instance> first = table.liveInstances(ServiceType.MCPTT, "MCPTT-1", now);
        assertThat(first).hasSize(2);
        assertThat(table.liveInstances(ServiceType.MCPTT, "MCPTT-1", now + 5 * SECOND)).isSameAs(first);

        List<Instance> later = table.liveInstances(ServiceType.MCPTT, "MCPTT-1", now + 5 * SECOND + 1);
        assertThat(later).extracting(Instance::serviceId).containsExactly("ptt-2");
        assertThat(shortLived.isDue(now + 5 * SECOND + 1)).isTrue();
        assertThat(table.liveInstances(ServiceType.MCPTT, "MCPTT-1", now + 6 * SECOND)).isSameAs(later);
    }

    @Test
    void aChangeInvalidatesTheCachedInstances() {
        put("node-a", ptt("ptt-1", List.of("HTTP"), "d", "c"));
        List<Instance> before = table.liveInstances(ServiceType.MCPTT, "MCPTT-1", now);
        put("node-b", ptt("ptt-2", List.of("HTTP"), "d", "c"));

        assertThat(table.liveInstances(ServiceType.MCPTT, "MCPTT-1", now)).isNotSameAs(before).hasSize(2);
    }

    @Test
    void renewalAndEndingDecideOnce() {
        Lease lease = put("node-a", ptt("ptt-1", List.of("HTTP"), "d", "c"), 5);

        assertThat(lease.isDue(now + 5 * SECOND)).isFalse();
        assertThat(lease.renew(now + 4 * SECOND, 0)).isTrue();
        assertThat(lease.isDue(now + 9 * SECOND + 1)).isTrue();
        assertThat(lease.renew(now + 9 * SECOND + 2, 0)).as("too late: only the table can tell").isFalse();
        assertThat(table.remove(lease.leaseId())).isSameAs(lease);
        assertThat(lease.isDue(now + 9 * SECOND + 2)).as("ended: due no more").isFalse();
        assertThat(lease.adopt(now + 20 * SECOND, now + 10 * SECOND, 0)).as("an ended lease takes no deadline").isFalse();
    }

    @Test
    void aDeadlineWrittenElsewhereIsAdoptedForwardOnlyAndWithinOneTtl() {
        Lease lease = put("node-a", ptt("ptt-1", List.of("HTTP"), "d", "c"), 5);
        List<Instance> before = table.liveInstances(ServiceType.MCPTT, "MCPTT-1", now + 6 * SECOND);
        assertThat(before).as("past its deadline here").isEmpty();

        assertThat(lease.adopt(now + 3 * SECOND, now + 6 * SECOND, 0)).as("earlier than ours").isFalse();
        assertThat(lease.adopt(now + 60 * SECOND, now + 6 * SECOND, 0)).isTrue();
        assertThat(lease.deadline()).as("never beyond one TTL from now").isEqualTo(now + 11 * SECOND);
        table.revived(lease);
        assertThat(table.liveInstances(ServiceType.MCPTT, "MCPTT-1", now + 6 * SECOND))
                .as("routed again at once").extracting(Instance::serviceId).containsExactly("ptt-1");
    }

    @Test
    void instanceUrlsBracketIpv6() {
        assertThat(new Instance("s", "https", "fd00::1", 443, "/x").baseUrl()).isEqualTo("https://[fd00::1]:443/x");
        assertThat(new Instance("s", "http", "svc.local", 80, "").baseUrl()).isEqualTo("http://svc.local:80");
    }

    private Lease put(String nodeId, RegisterService body) {
        return put(nodeId, body, body.ttlSeconds());
    }

    private Lease put(String nodeId, RegisterService body, int ttl) {
        RegisterService withTtl = new RegisterService(body.serviceId(), body.serviceType(), body.serviceInterface(),
                body.protocols(), body.version(), body.scheme(), body.host(), body.port(), body.basePath(), ttl,
                body.metadata());
        Lease lease = new Lease("l-" + (++leases), nodeId, withTtl, ++order, now, Instant.now());
        table.put(lease);
        return lease;
    }

    private static RegisterService ptt(String serviceId, List<String> protocols, String description, String caps) {
        return registration(serviceId, ServiceType.MCPTT, "MCPTT-1", "1.0", 30, protocols, "10.0.0.1", 8443,
                Map.of("description", description, "capabilities", caps));
    }
}
