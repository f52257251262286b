package org.mcx.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.mcx.backend.store.Database;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.model.ApplicationProfile;
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
 * notifyApplicationProfile fan-out: many /csc14 sessions of one application; a console saves the
 * application's profile and the clock runs until every session has the notification. The baseline,
 * in the same run, is the raw broadcast of a frame of the same size to as many raw clients. Two
 * diagnostics split the difference: the raw broadcast with every receiver answering (as
 * applications must), and the backend's fan-out to raw sessions instead of library clients.
 */
@Command(name = "fanout", mixinStandardHelpOptions = true,
        description = "Time from profiles.save until N sessions have notifyApplicationProfile, vs raw broadcast to N raw clients.")
public final class FanoutBench implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(FanoutBench.class);
    static final double TARGET_RATIO = 2.0;
    private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(10);
    private static final int CONNECT_BATCH = 50;

    @Option(names = "--clients", defaultValue = "1000", description = "Sessions of the application, and raw receivers (default: ${DEFAULT-VALUE}).")
    int clients;
    @Option(names = "--rounds", defaultValue = "20", description = "Measured profile saves (default: ${DEFAULT-VALUE}).")
    int rounds;
    @Option(names = "--raw-rounds", defaultValue = "30", description = "Measured raw broadcasts (default: ${DEFAULT-VALUE}).")
    int rawRounds;
    @Option(names = "--warmup", defaultValue = "5", description = "Rounds of each before measuring (default: ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--save-warmup", defaultValue = "3000",
            description = "Saves of another application's profile first, so the save path is compiled (default: ${DEFAULT-VALUE}).")
    int saveWarmup;
    @Spec
    CommandSpec spec;

    /**
     * Raw broadcast (the baseline), the backend's fan-out to raw sessions (the server's share) and to
     * library sessions (the figure), with the frame size and the JVM's threads with the sessions open.
     */
    public record Result(int frameBytes, FanoutRounds raw, FanoutRounds rawAcknowledged, FanoutRounds rawSessions,
                         FanoutRounds ours, int peakThreads) {
        public double ratio() {
            return (double) ours.toAll.summary().p50() / raw.toAll.summary().p50();
        }

        public boolean correct() {
            return raw.missed() == 0 && rawAcknowledged.missed() == 0 && rawSessions.missed() == 0 && ours.missed() == 0
                    && ours.toAll.count() == ours.rounds() && rawSessions.toAll.count() == rawSessions.rounds()
                    && raw.toAll.count() == raw.rounds();
        }
    }

    public Result measure() throws Exception {
        try (BenchBackend backend = BenchBackend.start(Database.Durability.PROCESS_CRASH)) {
            backend.createUser();
            Console.ApplicationCreated app = backend.createApplication("bench-fanout");
            ApplicationProfile profile = backend.createProfile(app.applicationId());
            warmUpSaves(backend);
            int frameBytes = Codec.utf8(new Codec().request("s-1000", MessageType.NOTIFY_APPLICATION_PROFILE,
                    new Csc14.NotifyApplicationProfile(profile.applicationProfileId(), profile.version() + 100))).length;

            FanoutRounds raw;
            FanoutRounds rawAcknowledged;
            try (RawServer server = RawServer.start()) {
                try (RawBroadcast broadcast = RawBroadcast.open(server, clients)) {
                    broadcast.run(frameBytes, warmup, ROUND_TIMEOUT);
                    raw = broadcast.run(frameBytes, rawRounds, ROUND_TIMEOUT);
                }
                try (RawBroadcast broadcast = RawBroadcast.acknowledged(server, clients)) {
                    broadcast.run(frameBytes, warmup, ROUND_TIMEOUT);
                    rawAcknowledged = broadcast.run(frameBytes, rawRounds, ROUND_TIMEOUT);
                }
            }
            log.info("raw broadcast done; connecting {} raw sessions", clients);
            Arrivals rawArrivals = new Arrivals(clients);
            Saver rawSaver = new Saver(backend.admin(), rawArrivals, profile);
            FanoutRounds rawSessions;
            try (RawSessions sessions = RawSessions.open(backend.base(), app, clients, rawArrivals)) {
                sessions.barrier();
                rawSaver.run(warmup, sessions::barrier);
                rawSessions = rawSaver.run(rounds, sessions::barrier);
            }
            log.info("raw sessions done; connecting {} library sessions", clients);
            Arrivals arrivals = new Arrivals(clients);
            List<ProtocolClient> sessions = connectSessions(backend, app, arrivals);
            int peakThreads = ManagementFactory.getThreadMXBean().getThreadCount();
            barrier(sessions);
            Saver saver = new Saver(backend.admin(), arrivals, rawSaver.current());
            saver.run(warmup, () -> barrier(sessions));
            FanoutRounds ours = saver.run(rounds, () -> barrier(sessions));
            return new Result(frameBytes, raw, rawAcknowledged, rawSessions, ours, peakThreads);
        }
    }

    /**
     * A few rounds run the save path only a few dozen times, far from compiled; saving a profile
     * of an application without sessions first keeps the JIT out of the figure.
     */
    private void warmUpSaves(BenchBackend backend) throws Exception {
        ApplicationProfile other = backend.createProfile(backend.createApplication("bench-fanout-warmup").applicationId());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; i < saveWarmup && System.nanoTime() < deadline; i++) {
            other = backend.admin().call(MessageType.PROFILES_SAVE, BenchBackend.bump(other), Console.ProfileSaved.class)
                    .applicationProfile();
        }
    }

    /** Connects the sessions in batches; each answers notifications with success and counts them. */
    private List<ProtocolClient> connectSessions(BenchBackend backend, Console.ApplicationCreated app,
                                                 Arrivals arrivals) throws Exception {
        List<ProtocolClient> sessions = new ArrayList<>();
        for (int start = 0; start < clients; start += CONNECT_BATCH) {
            List<CompletableFuture<Void>> batch = new ArrayList<>();
            for (int i = start; i < Math.min(clients, start + CONNECT_BATCH); i++) {
                int index = i;
                ProtocolClient c = backend.track(backend.builder(Endpoint.CSC14,
                                Authenticator.application(app.applicationId(), app.secret()))
                        .name("fan-" + i)
                        .handle(MessageType.NOTIFY_APPLICATION_PROFILE, Csc14.NotifyApplicationProfile.class, n -> {
                            arrivals.arrived(index, n.version());
                            return Common.ResultBody.success();
                        })
                        .build());
                sessions.add(c);
                batch.add(c.connect());
            }
            CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        return sessions;
    }

    /**
     * One getServiceInformation on every session, all answered: since a connection's frames are
     * handled in order, the sessions' acknowledgements sent before it have been read by then, so
     * one round's work does not spill into the next one's figure.
     */
    static void barrier(List<ProtocolClient> sessions) throws Exception {
        Csc14.GetServiceInformation ping = new Csc14.GetServiceInformation(BenchBackend.USER, ServiceQuery.all());
        List<CompletableFuture<Csc14.ServiceInformation>> answers = new ArrayList<>();
        for (ProtocolClient c : sessions) {
            answers.add(c.request(MessageType.GET_SERVICE_INFORMATION, ping, Csc14.ServiceInformation.class));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    @Override
    public Integer call() throws Exception {
        Report report = new Report(spec.commandLine().getOut());
        Result r = measure();
        new FanoutReport(report, this, r).write();
        return r.correct() ? 0 : 1;
    }
}
