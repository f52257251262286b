package org.mcx.bench;

import java.util.Locale;

/** How figures are written in the tables: µs for round trips, ms for fan-outs, plain rates and ratios. */
final class Fmt {
    private Fmt() {
    }

    static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.0f µs", nanos / 1_000.0);
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1_000_000.0);
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f/s", perSecond);
    }

    static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }

    static double perSecond(long count, long nanos) {
        return nanos <= 0 ? 0 : count * 1e9 / nanos;
    }

    static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }
}
