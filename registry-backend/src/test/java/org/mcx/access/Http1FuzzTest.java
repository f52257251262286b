package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeded fuzzing of the HTTP/1.1 request path, through the real SAS over raw sockets: valid requests
 * mutated byte-wise and structurally, each followed by a valid sentinel request. For every mutation:
 * only well-formed answers (or a close), none later than a deadline; every request that reached the
 * instance is one {@link StrictRequestParser} found in the client's bytes, at the same place, with
 * the same method, target, end-to-end fields and body; the instance only ever received well-formed
 * requests; and the SAS keeps serving. {@code -Dsas.fuzz.cases=N} runs more, {@code -Dsas.fuzz.seed=S}
 * repeats a run, {@code -Dsas.fuzz.case=I} replays one case of it; a failure prints all three.
 */
class Http1FuzzTest extends SasTestBase {
    private static final Logger log = LoggerFactory.getLogger(Http1FuzzTest.class);
    private static final int CASES = Integer.getInteger("sas.fuzz.cases", 3000);
    private static final long SEED = Long.getLong("sas.fuzz.seed", System.nanoTime());
    private static final int ONLY = Integer.getInteger("sas.fuzz.case", -1);
    private static final int WORKERS = 16;
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private RawUpstream instance;
    private Http1Mutator mutator;

    @Override
    AccessConfig config(AccessConfig defaults) {
        // Short timeouts so that a mutation which leaves a request incomplete is closed within a second.
        return defaults.withLimits(4096, 1_000_000, 1_000_000).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Override
    void registerInstances() throws Exception {
        instance = new RawUpstream();
        register("gm-raw", instance.port(), 300); // no heartbeats: a long run (-Dsas.fuzz.cases) has five minutes
    }

    @AfterEach
    void stopInstance() throws Exception {
        instance.close();
    }

    @Test
    void mutatedRequestsGetWellFormedAnswersAndReachTheServiceOnlyAsAStrictParserReadsThem() throws Exception {
        mutator = new Http1Mutator(profileId, token);
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<Outcome>> runs = new ArrayList<>();
        int first = ONLY >= 0 ? ONLY : 0;
        int last = ONLY >= 0 ? ONLY + 1 : CASES;
        long started = System.nanoTime();
        for (int i = first; i < last; i++) {
            int index = i;
            runs.add(pool.submit(() -> run(index)));
        }
        List<String> failures = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> f : runs) {
            Outcome o = f.get(DEADLINE.toSeconds() * 3, TimeUnit.SECONDS);
            outcomes.add(o);
            if (o.failure != null && failures.size() < 5) {
                failures.add(o.failure);
            }
        }
        pool.shutdown();
        failures.addAll(unclaimed(outcomes));
        failures.addAll(instance.violations());

        Map<String, Integer> endings = new HashMap<>();
        outcomes.forEach(o -> endings.merge(o.ending, 1, Integer::sum));
        long forwarded = outcomes.stream().mapToLong(o -> o.claimed.size()).sum();
        log.info("sas fuzz: seed {}, {} cases in {} ms, oracle endings {}, {} requests forwarded; SAS {}", SEED,
                outcomes.size(), (System.nanoTime() - started) / 1_000_000, endings, forwarded, sas.counters().snapshot());
        assertThat(failures).as("fuzz failures (repeat with -Dsas.fuzz.seed=%d)", SEED).isEmpty();
        if (ONLY < 0) { // one case replayed may well be one the SAS refuses
            assertThat(forwarded).as("mutations that still reached the service (the run exercises forwarding)")
                    .isGreaterThan(outcomes.size() / 4);
        }
        try (RawClient client = new RawClient(sas.port())) {
            RawClient.Response r = client.send(mutator.sentinel(-1)).read();
            assertThat(r.status()).as("a valid request after the run").isEqualTo(200);
        }
    }

    /** What one case sent, what came back, and which records it accounted for. */
    private record Outcome(int index, String ending, List<Integer> claimed, List<StrictRequestParser.Request> accepted,
                           String failure) {
    }

    private Outcome run(int index) {
        SplittableRandom random = new SplittableRandom(SEED * 1_000_003L + index);
        byte[] mutated = mutator.mutate(random);
        byte[] sent = concat(mutated, mutator.sentinel(index).getBytes(StandardCharsets.ISO_8859_1));
        StrictRequestParser.Result oracle = StrictRequestParser.parse(sent);
        List<Integer> claimed = new ArrayList<>();
        String failure = null;
        try (RawClient client = new RawClient(sas.port(), (int) DEADLINE.toMillis())) {
            client.send(sent);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            int answer = 0;
            while (true) {
                if (System.nanoTime() > deadline) {
                    throw new SocketTimeoutException("no close within " + DEADLINE);
                }
                String method = answer < oracle.requests().size() ? oracle.requests().get(answer).method() : oracle.errorMethod();
                RawClient.Response r = client.read("HEAD".equals(method));
                if (r == null) {
                    break; // closed
                }
                if (r.status() < 200) {
                    continue; // 100 Continue before the answer itself
                }
                Integer rec = record(r);
                if (rec != null) {
                    claimed.add(rec);
                    String mismatch = compare(index, answer, oracle, instance.received.get(rec));
                    if (mismatch != null) {
                        failure = mismatch;
                        break;
                    }
                }
                answer++;
                if (answer > oracle.requests().size() + 1) {
                    failure = "more answers than requests";
                    break;
                }
            }
        } catch (Exception e) {
            failure = e.toString();
        }
        return new Outcome(index, oracle.ending().name(), claimed, oracle.requests(),
                failure == null ? null : describe(index, sent, oracle, failure));
    }

    /** The instance's record number, if this answer came from it. */
    private static Integer record(RawClient.Response r) {
        String text = r.text();
        if (r.status() != 200 || !text.startsWith("{\"rec\":")) {
            return null;
        }
        return Integer.valueOf(text.substring(7, text.length() - 1));
    }

    /** Null if what the instance received is the strict parser's request at the same place. */
    private String compare(int index, int answer, StrictRequestParser.Result oracle, StrictRequestParser.Request got) {
        if (got == null) {
            return "an answer names a request the instance does not have";
        }
        if (answer >= oracle.requests().size()) {
            return "the SAS forwarded a request the strict parser found malformed or never saw complete: " + show(got);
        }
        StrictRequestParser.Request want = oracle.requests().get(answer);
        if (want.refused() != null) {
            return "request " + answer + " reached the service as " + show(got) + " but a server must refuse it ("
                    + want.refused() + ")";
        }
        String expectedTarget = Http1Mutator.upstreamTarget(want.target(), profileId);
        if (!got.method().equals(want.method()) || !got.target().equals(expectedTarget)
                || !java.util.Arrays.equals(got.body(), want.body())
                || !Http1Mutator.endToEnd(got.fields()).equals(Http1Mutator.endToEnd(want.fields()))
                || !"alice".equals(got.header("MC-Service-Id"))) {
            return "request " + answer + " reached the service as " + show(got) + " but the strict parser read "
                    + show(want) + " (expected target " + expectedTarget + ")";
        }
        return null;
    }

    /**
     * Records no answer claimed (their answers were lost, e.g. to a timeout): each must still be a
     * request the strict parser read in some case.
     */
    private List<String> unclaimed(List<Outcome> outcomes) {
        Map<String, Integer> accepted = new HashMap<>();
        for (Outcome o : outcomes) {
            for (StrictRequestParser.Request r : o.accepted) {
                if (r.refused() != null) {
                    continue;
                }
                accepted.merge(key(r.method(), Http1Mutator.upstreamTarget(r.target(), profileId), r.body(), r.fields()), 1,
                        Integer::sum);
            }
        }
        List<Integer> claimed = new ArrayList<>();
        outcomes.forEach(o -> claimed.addAll(o.claimed));
        Map<Integer, StrictRequestParser.Request> rest = new HashMap<>(instance.received);
        claimed.forEach(rest::remove);
        List<String> failures = new ArrayList<>();
        for (StrictRequestParser.Request r : rest.values()) {
            String k = key(r.method(), r.target(), r.body(), r.fields());
            if (accepted.merge(k, -1, Integer::sum) < 0) {
                failures.add("the instance received a request no case sent as such (seed " + SEED + "): " + show(r));
            }
        }
        return failures.size() > 5 ? failures.subList(0, 5) : failures;
    }

    private static String key(String method, String target, byte[] body, List<StrictRequestParser.Field> fields) {
        return method + " " + target + " " + new String(body, StandardCharsets.ISO_8859_1) + " " + Http1Mutator.endToEnd(fields);
    }

    private static String describe(int index, byte[] sent, StrictRequestParser.Result oracle, String failure) {
        return "case " + index + " (-Dsas.fuzz.seed=" + SEED + " -Dsas.fuzz.case=" + index + "): " + failure
                + "\n  oracle: " + oracle.requests().size() + " requests, " + oracle.ending()
                + (oracle.error() == null ? "" : " (" + oracle.error() + ")") + "\n  sent: " + escape(sent);
    }

    private static String show(StrictRequestParser.Request r) {
        return r.method() + " " + r.target() + " " + Http1Mutator.endToEnd(r.fields()) + " body "
                + escape(r.body());
    }

    static String escape(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            int c = x & 0xff;
            b.append(c >= 0x20 && c < 0x7f && c != '\\' ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return b.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
