package org.mcx.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time per group of threads, for "where does the time go": threads are grouped by name with
 * their numbers replaced ({@code mcx-ws-17} counts as {@code mcx-ws-N}). A snapshot holds each
 * live thread's CPU time; {@link #since} gives what each group used after an earlier snapshot.
 * Taking a snapshot of thousands of threads costs milliseconds: take them outside timed windows.
 */
final class ThreadCpu {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private record Entry(String group, long cpuNanos) {
    }

    private final Map<Long, Entry> byThread;

    private ThreadCpu(Map<Long, Entry> byThread) {
        this.byThread = byThread;
    }

    static ThreadCpu snapshot() {
        Map<Long, Entry> out = new HashMap<>();
        if (!MX.isThreadCpuTimeSupported()) {
            return new ThreadCpu(out);
        }
        for (ThreadInfo info : MX.getThreadInfo(MX.getAllThreadIds())) {
            if (info != null) {
                long cpu = MX.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    out.put(info.getThreadId(), new Entry(group(info.getThreadName()), cpu));
                }
            }
        }
        return new ThreadCpu(out);
    }

    /** CPU nanoseconds used by each group from {@code earlier} to this snapshot (threads started since count in full). */
    Map<String, Long> since(ThreadCpu earlier) {
        Map<String, Long> out = new TreeMap<>();
        byThread.forEach((id, now) -> {
            Entry before = earlier.byThread.get(id);
            long used = now.cpuNanos - (before == null ? 0 : before.cpuNanos);
            if (used > 0) {
                out.merge(now.group, used, Long::sum);
            }
        });
        return out;
    }

    /** Runs {@code count} round trips (bounded by {@code maxTime}) and returns CPU nanoseconds per round trip by group. */
    static Map<String, Long> perOperation(int count, java.time.Duration maxTime, RoundTrips.Step step) throws Exception {
        ThreadCpu before = snapshot();
        RoundTrips.Outcome o = RoundTrips.sequential(count, maxTime, step);
        Map<String, Long> used = snapshot().since(before);
        used.replaceAll((group, nanos) -> nanos / Math.max(1, o.samples().count()));
        return used;
    }

    static String group(String threadName) {
        return threadName.replaceAll("\\d+", "N");
    }
}
