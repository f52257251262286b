package org.mcx.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/** A table of CPU time by thread group (rows) for several variants (columns), with server and client totals. */
final class CpuTable {
    /** Threads of the systems under test; everything else (clients, the harness) is the load's side. */
    static final List<String> SERVER_GROUPS = List.of("mcx-ws-N", "mcx-notify", "mcx-db-writer-N",
            "mcx-db-reader-N", "mcx-timers", "mcx-cpu-N", "raw-ws-N");
    /** The harness's thread: in round trips it is the client that sends and waits. */
    static final String HARNESS = "main";

    private CpuTable() {
    }

    /**
     * @param columns variant name to CPU nanoseconds per operation by group
     * @param shownNanos groups below this in every column are left out
     * @param micros figures in µs (else ms)
     */
    static Table of(Map<String, Map<String, Long>> columns, long shownNanos, boolean micros, boolean withHarness) {
        List<Map<String, Long>> cpu = new ArrayList<>(columns.values());
        TreeSet<String> groups = new TreeSet<>();
        cpu.forEach(m -> m.forEach((g, nanos) -> {
            if (nanos >= shownNanos && (withHarness || !g.equals(HARNESS))) {
                groups.add(g);
            }
        }));
        List<String> headers = new ArrayList<>(List.of("thread group"));
        headers.addAll(columns.keySet());
        Table t = new Table(headers.toArray(String[]::new));
        for (String g : groups) {
            String label = g.equals(HARNESS) ? "main (harness: sends, waits)" : g;
            t.row(cells(label + (SERVER_GROUPS.contains(g) ? " (server)" : ""), cpu, m -> m.getOrDefault(g, 0L), micros));
        }
        t.row(cells("**server total**", cpu, m -> sum(m, true, withHarness), micros));
        t.row(cells("**client side total**", cpu, m -> sum(m, false, withHarness), micros));
        return t;
    }

    private static Object[] cells(String name, List<Map<String, Long>> cpu, ToLongFunction<Map<String, Long>> value,
                                  boolean micros) {
        Object[] row = new Object[cpu.size() + 1];
        row[0] = name;
        for (int i = 0; i < cpu.size(); i++) {
            long nanos = value.applyAsLong(cpu.get(i));
            row[i + 1] = (micros ? Fmt.micros(nanos) : Fmt.millis(nanos)).replaceAll(" (µs|ms)$", "");
        }
        return row;
    }

    private static long sum(Map<String, Long> cpu, boolean server, boolean withHarness) {
        return cpu.entrySet().stream()
                .filter(e -> withHarness || !e.getKey().equals(HARNESS))
                .filter(e -> SERVER_GROUPS.contains(e.getKey()) == server)
                .mapToLong(Map.Entry::getValue).sum();
    }
}
