package org.mcx.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * Every benchmark at a tiny size, checking only that it works: no stalls, every notification
 * received, every save acknowledged. Timing is never asserted here; the figures come from the
 * documented commands in docs/benchmarks.md.
 */
@Timeout(120)
class BenchSmokeTest {

    private static <T> T parse(T bench, String... args) {
        new CommandLine(bench).parseArgs(args);
        return bench;
    }

    @Test
    void rawBaselinesAnswerEveryRoundTripAndBroadcast() throws Exception {
        EchoBench.Result r = parse(new EchoBench(), "--sizes", "128", "--round-trips", "200", "--warmup", "50",
                "--broadcast-clients", "20", "--broadcast-rounds", "3").measure();
        assertThat(r.sequential().get(0).outcome().samples().count()).isEqualTo(200);
        assertThat(r.broadcast().toAll.count()).isEqualTo(3);
        assertThat(r.correct()).isTrue();
    }

    @Test
    void discoveryAnswersEveryRequestWithEveryCapability() throws Exception {
        DiscoveryBench.Result r = parse(new DiscoveryBench(), "--instances", "100", "--round-trips", "200",
                "--warmup", "50", "--blocks", "2", "--connections", "2").measure();
        assertThat(r.capabilities()).isEqualTo(Registrations.CAPABILITIES);
        assertThat(r.ours().samples().count()).isEqualTo(200);
        assertThat(r.ours().stalls()).isZero();
        assertThat(r.correct()).isTrue();
    }

    @Test
    void everySessionReceivesEveryNotification() throws Exception {
        FanoutBench.Result r = parse(new FanoutBench(), "--clients", "20", "--rounds", "3", "--raw-rounds", "3",
                "--warmup", "1", "--save-warmup", "20").measure();
        assertThat(r.ours().rounds()).isEqualTo(3);
        assertThat(r.ours().missed()).isZero();
        assertThat(r.raw().missed()).isZero();
        assertThat(r.correct()).isTrue();
    }

    @Test
    void everySaveIsAcknowledgedAtBothDurabilities() throws Exception {
        DurableSaveBench.Result r = parse(new DurableSaveBench(), "--saves", "50", "--warmup", "10", "--blocks", "2")
                .measure();
        assertThat(r.rows()).hasSize(2);
        r.rows().forEach(row -> assertThat(row.ours().samples().count()).isEqualTo(50));
        assertThat(r.correct()).isTrue();
    }

    @Test
    void sequentialRoundTripsNeverStall() throws Exception {
        StallBench.Result r = parse(new StallBench(), "--runs", "1", "--round-trips", "2000").measure();
        assertThat(r.runs().get(0).samples().count()).isEqualTo(2000);
        assertThat(r.stalls()).isZero();
        assertThat(r.correct()).isTrue();
    }

    @Test
    void theSoakHoldsConnectionsAndLosesNothingToKill9() {
        java.io.StringWriter out = new java.io.StringWriter();
        CommandLine cmd = new CommandLine(new org.mcx.bench.soak.SoakBench()).setOut(new java.io.PrintWriter(out));
        int exit = cmd.execute("--phases", "connections,kill-9", "--connections", "200", "--kill-cycles", "1",
                "--writers", "2");
        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("| 200 | 0 |").contains("acknowledged and lost");
    }
}
