package org.mcx.backend.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.registry.RegistryTestKit.registration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.MessageType;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.message.Registration;
import org.mcx.protocol.model.ServiceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * getServiceInformation's median round trip with 10,000 registered instances, against the
 * cheapest request on the same stack (a heartbeat: routed, decoded, answered from memory) as the
 * echo baseline. Run with {@code -Dmcx.bench=true}; the target is within 2x of the baseline.
 */
@EnabledIfSystemProperty(named = "mcx.bench", matches = "true")
class DiscoveryBenchmarkTest {
    private static final Logger log = LoggerFactory.getLogger(DiscoveryBenchmarkTest.class);
    private static final int INSTANCES = 10_000;
    private static final int WARMUP = 10_000;
    private static final int MEASURED = 20_000;
    private static final String[][] CAPABILITIES = {
            {"MCPTT", "MCPTT-1"}, {"MCVIDEO", "MCVideo-1"}, {"MCDATA", "MCData-cap-1"}, {"MCDATA", "MCData-cap-2"},
            {"GM", "CSC-2"}, {"CM", "CSC-4"}, {"IDM", "CSC-1"}, {"KM", "CSC-8"}};

    @TempDir
    Path dir;

    @Test
    void discoveryStaysWithinTwiceAnEchoWithTenThousandInstances() throws Exception {
        try (RegistryTestKit kit = new RegistryTestKit(BackendFixture.start(dir, "bench", c -> c.withCsc14Rate(1e9)))) {
            ProtocolClient node = kit.serviceNode("node-bench");
            long started = System.nanoTime();
            Registration.Lease lease = registerAll(node);
            log.info("registered {} instances in {} ms", INSTANCES, (System.nanoTime() - started) / 1_000_000);
            kit.saveUser("bench-user", true, ServiceType.values());
            Console.ApplicationCreated app = RegistryTestKit.call(kit.admin, MessageType.APPLICATIONS_CREATE,
                    new Console.CreateApplication("Bench", false));
            ProtocolClient csc14 = kit.connect(Endpoint.CSC14,
                    Authenticator.application(app.applicationId(), app.secret()));

            Registration.Heartbeat echo = new Registration.Heartbeat(lease.leaseId());
            Csc14.GetServiceInformation discover = new Csc14.GetServiceInformation("bench-user", null);
            assertThat(((Csc14.ServiceInformation) csc14.call(MessageType.GET_SERVICE_INFORMATION, discover))
                    .services()).hasSize(CAPABILITIES.length * 2);

            long echoP50 = median(node, MessageType.HEARTBEAT, echo);
            long discoveryP50 = median(csc14, MessageType.GET_SERVICE_INFORMATION, discover);
            log.info("p50 echo (heartbeat) {} us, getServiceInformation {} us, ratio {}", echoP50 / 1000,
                    discoveryP50 / 1000, String.format("%.2f", discoveryP50 / (double) echoP50));
            assertThat(discoveryP50).isLessThan(2 * echoP50);
        }
    }

    /** 10,000 instances over 16 capabilities (8 type/interface pairs, 2 versions), 256 in flight at most. */
    private static Registration.Lease registerAll(ProtocolClient node) throws Exception {
        List<CompletableFuture<Registration.Lease>> window = new ArrayList<>();
        Registration.Lease first = null;
        for (int i = 0; i < INSTANCES; i++) {
            String[] cap = CAPABILITIES[i % CAPABILITIES.length];
            window.add(node.request(MessageType.REGISTER_SERVICE, registration("svc-" + i, ServiceType.valueOf(cap[0]),
                    cap[1], (i / CAPABILITIES.length) % 2 == 0 ? "1.0" : "2.0", 300, List.of("HTTP"),
                    "10.0." + (i / 250) + "." + (i % 250), 8000 + i % 1000,
                    Map.of("description", cap[0] + " service", "capabilities", "a,b,c"))));
            if (window.size() == 200 || i == INSTANCES - 1) {
                for (CompletableFuture<Registration.Lease> f : window) {
                    Registration.Lease l = f.get(60, TimeUnit.SECONDS);
                    first = first == null ? l : first;
                }
                window.clear();
            }
        }
        return first;
    }

    private static long median(ProtocolClient client, MessageType type, org.mcx.protocol.message.Body body)
            throws Exception {
        long[] samples = new long[MEASURED];
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            long t0 = System.nanoTime();
            client.call(type, body);
            if (i >= WARMUP) {
                samples[i - WARMUP] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(samples);
        return samples[MEASURED / 2];
    }
}
