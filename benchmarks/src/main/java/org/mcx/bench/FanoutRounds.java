package org.mcx.bench;

import java.util.Map;
import java.util.TreeMap;

/** The rounds of a fan-out: time to the first and to the last receiver, and receivers that missed a round. */
final class FanoutRounds {
    final Samples toFirst = new Samples();
    final Samples toAll = new Samples();
    final Samples toReply = new Samples();
    private final Map<String, Long> cpu = new TreeMap<>();
    private int rounds;
    private int missed;

    /** Adds the CPU each thread group used during one round (see {@link ThreadCpu}). */
    void addCpu(Map<String, Long> used) {
        used.forEach((group, nanos) -> cpu.merge(group, nanos, Long::sum));
    }

    /** CPU nanoseconds per round, by thread group. */
    Map<String, Long> cpuPerRound() {
        Map<String, Long> out = new TreeMap<>();
        cpu.forEach((group, nanos) -> out.put(group, nanos / Math.max(1, rounds)));
        return out;
    }

    void add(Arrivals.Round round, boolean complete) {
        rounds++;
        if (complete) {
            toFirst.add(round.toFirstNanos());
            toAll.add(round.toAllNanos());
        } else {
            missed += round.missing();
        }
    }

    int rounds() {
        return rounds;
    }

    /** Receivers, summed over rounds, that did not get a round's frame in time. */
    int missed() {
        return missed;
    }
}
