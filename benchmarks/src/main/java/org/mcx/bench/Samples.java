package org.mcx.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, collected by one thread, summarised by nearest-rank percentiles. */
final class Samples {
    private long[] values = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    void addAll(Samples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    int count() {
        return size;
    }

    Summary summary() {
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return new Summary(sorted);
    }

    /** Percentiles of a sorted copy; all figures in nanoseconds. */
    static final class Summary {
        private final long[] sorted;

        private Summary(long[] sorted) {
            this.sorted = sorted;
        }

        int count() {
            return sorted.length;
        }

        /** Nearest rank: the smallest sample with at least {@code p} of the samples at or below it. */
        long percentile(double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }

        long p50() {
            return percentile(0.50);
        }

        long p90() {
            return percentile(0.90);
        }

        long p99() {
            return percentile(0.99);
        }

        long max() {
            return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
        }
    }
}
