package org.mcx.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mcx.backend.store.Database;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.model.ServiceQuery;
import org.mcx.protocol.wire.Codec;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * getServiceInformation over /csc14 against a registry of many instances, next to the raw echo of a
 * frame as large as the answer, measured in turns in the same run. A third row, a raw client sending
 * the same request to the real backend, separates the server's share from the client library's.
 */
@Command(name = "discovery", mixinStandardHelpOptions = true,
        description = "Sequential getServiceInformation round trips (and 4-connection throughput) vs raw echo of the same size.")
public final class DiscoveryBench implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(DiscoveryBench.class);
    static final double TARGET_RATIO = 2.0;

    @Option(names = "--instances", defaultValue = "10000", description = "Service instances registered (default: ${DEFAULT-VALUE}).")
    int instances;
    @Option(names = "--round-trips", defaultValue = "20000", description = "Measured round trips per variant (default: ${DEFAULT-VALUE}).")
    int roundTrips;
    @Option(names = "--warmup", defaultValue = "5000", description = "Round trips before measuring, per variant (default: ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--blocks", defaultValue = "4", description = "Turns the variants take, to share noise (default: ${DEFAULT-VALUE}).")
    int blocks;
    @Option(names = "--connections", defaultValue = "4", description = "Connections for the throughput figure (default: ${DEFAULT-VALUE}).")
    int connections;
    @Option(names = "--max-seconds", defaultValue = "200", description = "Upper bound on measuring time; leases last 300 s (default: ${DEFAULT-VALUE}).")
    int maxSeconds;
    @Spec
    CommandSpec spec;

    /** The figures: sequential outcomes for ours, raw-client-to-backend and raw echo; then throughput. */
    public record Result(int capabilities, int responseBytes, RoundTrips.Outcome ours, RoundTrips.Outcome rawToBackend,
                         RoundTrips.Outcome rawEcho, RoundTrips.Outcome oursParallel,
                         RoundTrips.Outcome rawEchoParallel, boolean answersComplete,
                         Map<String, Map<String, Long>> cpuPerRoundTrip) {
        public double ratio() {
            return (double) ours.samples().summary().p50() / rawEcho.samples().summary().p50();
        }

        public boolean correct() {
            return answersComplete && ours.stalls() == 0 && rawToBackend.stalls() == 0 && rawEcho.stalls() == 0
                    && oursParallel.stalls() == 0 && rawEchoParallel.stalls() == 0 && ours.completed()
                    && oursParallel.completed();
        }
    }

    public Result measure() throws Exception {
        Duration max = Duration.ofSeconds(maxSeconds);
        Duration watchdog = Duration.ofSeconds(2);
        Codec codec = new Codec();
        try (RawServer raw = RawServer.start(); RawEcho echo = new RawEcho(raw);
             BenchBackend backend = BenchBackend.start(Database.Durability.PROCESS_CRASH)) {
            backend.createUser();
            ProtocolClient node = backend.connect(backend.builder(Endpoint.REGISTRATION,
                    Authenticator.node("bench-services", backend.createServiceNode("bench-services"))));
            long t0 = System.nanoTime();
            Registrations.register(node, instances, Duration.ofSeconds(120));
            log.info("registered {} instances in {}", instances, Fmt.millis(System.nanoTime() - t0));
            Console.ApplicationCreated app = backend.createApplication("bench-discovery");
            Authenticator appAuth = Authenticator.application(app.applicationId(), app.secret());
            Csc14.GetServiceInformation request = new Csc14.GetServiceInformation(BenchBackend.USER, ServiceQuery.all());
            int expected = Registrations.capabilities(instances);

            ProtocolClient client = backend.connect(backend.builder(Endpoint.CSC14, appAuth).name("bench-discovery"));
            Csc14.ServiceInformation first = client.call(MessageType.GET_SERVICE_INFORMATION, request,
                    Csc14.ServiceInformation.class);
            int responseBytes = Codec.utf8(codec.response("c-10000", MessageType.GET_SERVICE_INFORMATION, first)).length;
            String requestFrame = codec.request("r-0", MessageType.GET_SERVICE_INFORMATION, request);
            log.info("discovery answers {} capabilities in {} bytes", first.services().size(), responseBytes);

            RawBackendClient rawToBackend = RawBackendClient.csc14(backend.base(), codec, app);
            try {
                List<RoundTrips.Step> variants = List.of(discoveryStep(client, request, expected, watchdog),
                        rawToBackend.step(requestFrame, watchdog), echo.step(responseBytes, watchdog));
                List<RoundTrips.Outcome> seq = RoundTrips.alternate(warmup, roundTrips, blocks, max, variants);
                Map<String, Map<String, Long>> cpu = new LinkedHashMap<>();
                int cpuCount = Math.min(roundTrips, 5000);
                cpu.put("ProtocolClient → backend", ThreadCpu.perOperation(cpuCount, max, variants.get(0)));
                cpu.put("raw client → backend", ThreadCpu.perOperation(cpuCount, max, variants.get(1)));
                cpu.put("raw echo", ThreadCpu.perOperation(cpuCount, max, variants.get(2)));
                List<RoundTrips.Step> ours = new ArrayList<>();
                List<RoundTrips.Step> echoes = new ArrayList<>();
                for (int i = 0; i < connections; i++) {
                    ProtocolClient c = backend.connect(backend.builder(Endpoint.CSC14, appAuth).name("bench-discovery-" + i));
                    ours.add(discoveryStep(c, request, expected, watchdog));
                    echoes.add(echo.step(responseBytes, watchdog));
                }
                int each = Math.max(1, roundTrips / connections);
                RoundTrips.parallel(ours, Math.max(1, warmup / connections), max);
                RoundTrips.Outcome oursParallel = RoundTrips.parallel(ours, each, max);
                RoundTrips.parallel(echoes, Math.max(1, warmup / connections), max);
                RoundTrips.Outcome echoParallel = RoundTrips.parallel(echoes, each, max);
                Csc14.ServiceInformation last = client.call(MessageType.GET_SERVICE_INFORMATION, request,
                        Csc14.ServiceInformation.class);
                boolean complete = first.services().size() == expected && last.services().equals(first.services());
                return new Result(expected, responseBytes, seq.get(0), seq.get(1), seq.get(2), oursParallel,
                        echoParallel, complete, cpu);
            } finally {
                rawToBackend.close();
            }
        }
    }

    /** One getServiceInformation; the answer must hold every capability. */
    private static RoundTrips.Step discoveryStep(ProtocolClient client, Csc14.GetServiceInformation request,
                                                 int expected, Duration watchdog) {
        return () -> {
            Csc14.ServiceInformation info = RoundTrips.await(client.request(MessageType.GET_SERVICE_INFORMATION,
                    request, Csc14.ServiceInformation.class, watchdog));
            if (info.services().size() != expected) {
                throw new IllegalStateException("expected " + expected + " capabilities, got " + info.services().size());
            }
        };
    }

    @Override
    public Integer call() throws Exception {
        Report report = new Report(spec.commandLine().getOut());
        Result r = measure();
        new DiscoveryReport(report, this, r).write();
        return r.correct() ? 0 : 1;
    }
}
