package org.mcx.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.wire.MessageType;

/** The fan-out's rounds: save the profile (a new version) and time until every session has its notification. */
final class Saver {
    private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(10);

    private final ProtocolClient admin;
    private final Arrivals arrivals;
    /** The profile as last saved: the next save bumps this version. */
    private ApplicationProfile current;

    Saver(ProtocolClient admin, Arrivals arrivals, ApplicationProfile profile) {
        this.admin = admin;
        this.arrivals = arrivals;
        this.current = profile;
    }

    ApplicationProfile current() {
        return current;
    }

    /** Runs {@code rounds} saves; after each, {@code barrier} waits until the sessions' answers have been read. */
    FanoutRounds run(int rounds, RoundTrips.Step barrier) throws Exception {
        FanoutRounds result = new FanoutRounds();
        for (int r = 0; r < rounds; r++) {
            long[] answeredAt = new long[1];
            ThreadCpu before = ThreadCpu.snapshot();
            Arrivals.Round round = arrivals.begin(current.version() + 1);
            CompletableFuture<Console.ProfileSaved> saved = admin.request(MessageType.PROFILES_SAVE,
                    BenchBackend.bump(current), Console.ProfileSaved.class)
                    .whenComplete((ok, e) -> answeredAt[0] = System.nanoTime());
            boolean complete = round.await(ROUND_TIMEOUT);
            current = saved.get(ROUND_TIMEOUT.toSeconds(), TimeUnit.SECONDS).applicationProfile();
            result.add(round, complete);
            result.addCpu(ThreadCpu.snapshot().since(before));
            if (complete) {
                result.toReply.add(answeredAt[0] - round.startNanos());
            }
            barrier.run();
        }
        return result;
    }
}
