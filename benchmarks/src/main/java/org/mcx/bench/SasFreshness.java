package org.mcx.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/**
 * How long a revocation takes to reach the service access server: a profile deleted
 * ({@code profiles.delete}) and a user's external access withdrawn ({@code users.save}), each
 * timed from sending the console request (and from its acknowledgement) to the first refused GET,
 * polled back to back over one keep-alive connection. Every poll loop is bounded in count and time.
 */
final class SasFreshness {
    static final String USER = "fresh-user";
    static final String PASSWORD = "fresh-user-password";
    static final Duration MAX_PER_ROUND = Duration.ofSeconds(5);
    static final int MAX_POLLS = 50_000;

    /** One revocation: nanoseconds from sending to refusal, from sending to the acknowledgement, polls made. */
    record Sample(long refusedNanos, long ackNanos, int polls, int status) {
    }

    private final BenchBackend backend;
    private final URI sasBase;
    private final String requestPath;

    SasFreshness(BenchBackend backend, URI sasBase, String requestPath) {
        this.backend = backend;
        this.sasBase = sasBase;
        this.requestPath = requestPath;
    }

    void report(PrintWriter out, int rounds) throws Exception {
        saveUser(true);
        SasClient client = SasClient.authorize(backend, "bench-freshness", USER, PASSWORD, sasBase, requestPath);
        List<Sample> deletes = new ArrayList<>();
        List<Sample> withdrawals = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            if (i > 0) {
                client.authorizeAgain();
            }
            client.awaitStatus(200, MAX_PER_ROUND);
            Console.DeleteProfile delete = new Console.DeleteProfile(client.profile().applicationProfileId(),
                    client.profile().version());
            deletes.add(time(client, () -> backend.admin().request(MessageType.PROFILES_DELETE, delete, Common.Empty.class)));
        }
        client.authorizeAgain();
        for (int i = 0; i < rounds; i++) {
            saveUser(true);
            client.renewToken(); // a withdrawal may revoke the tokens issued before it
            client.awaitStatus(200, MAX_PER_ROUND);
            withdrawals.add(time(client, () -> backend.admin().request(MessageType.USERS_SAVE, user(false), Console.User.class)));
        }
        Report report = new Report(out);
        report.section("sas-freshness: revocation to refusal at the service access server", rounds
                + " rounds of each; GETs back to back over one keep-alive connection (java.net.http), at most "
                + MAX_POLLS + " polls or " + MAX_PER_ROUND.toSeconds() + " s per round");
        Table t = new Table("change", "rounds", "refused", "p50 from request", "max from request",
                "p50 ack from request", "p50 polls", "status seen");
        row(t, "profiles.delete", deletes);
        row(t, "users.save (external access withdrawn)", withdrawals);
        report.table("Time until the first refused request:", t);
    }

    private void saveUser(boolean external) throws Exception {
        backend.admin().call(MessageType.USERS_SAVE, user(external), Console.User.class);
    }

    private static Console.SaveUser user(boolean external) {
        return new Console.SaveUser(USER, "Freshness user", List.<Role>of(), external, List.of(ServiceType.GM), true,
                PASSWORD);
    }

    private interface Change {
        CompletableFuture<?> send();
    }

    private static Sample time(SasClient client, Change change) throws Exception {
        long start = System.nanoTime();
        AtomicLong acked = new AtomicLong(-1);
        CompletableFuture<?> sent = change.send().whenComplete((r, e) -> acked.set(System.nanoTime() - start));
        long deadline = start + MAX_PER_ROUND.toNanos();
        int polls = 0;
        int status = 200;
        long refused = -1;
        while (polls < MAX_POLLS && System.nanoTime() < deadline) {
            polls++;
            status = client.status();
            if (status != 200) {
                refused = System.nanoTime() - start;
                break;
            }
        }
        sent.get(10, TimeUnit.SECONDS);
        return new Sample(refused, acked.get(), polls, status);
    }

    private static void row(Table t, String change, List<Sample> samples) {
        long[] refused = samples.stream().mapToLong(Sample::refusedNanos).filter(n -> n >= 0).sorted().toArray();
        long[] acks = samples.stream().mapToLong(Sample::ackNanos).sorted().toArray();
        int[] polls = samples.stream().mapToInt(Sample::polls).sorted().toArray();
        String statuses = Arrays.toString(samples.stream().mapToInt(Sample::status).distinct().sorted().toArray());
        t.row(change, samples.size(), refused.length + " of " + samples.size(),
                refused.length == 0 ? "-" : Fmt.millis(refused[refused.length / 2]),
                refused.length == 0 ? "-" : Fmt.millis(refused[refused.length - 1]),
                acks.length == 0 ? "-" : Fmt.millis(acks[acks.length / 2]), polls.length == 0 ? 0 : polls[polls.length / 2],
                statuses);
    }
}
