package org.mcx.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** Writes a benchmark's section: title, the machine and settings it ran with, then its tables. */
final class Report {
    private final PrintWriter out;
    private final String loadAtStart = loadAverage();

    /** Create it before measuring: it notes the machine's load then, and again when the section is written. */
    Report(PrintWriter out) {
        this.out = out;
    }

    void section(String title, String settings) {
        out.printf("%n## %s%n%n", title);
        out.printf("%s; %d cores, JDK %s (%s), %s; 1-minute load average %s at start, %s at end%n%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), loadAtStart, loadAverage());
        out.printf("Settings: %s%n%n", settings);
        out.flush();
    }

    void table(String caption, Table table) {
        out.printf("%s%n%n%s%n", caption, table.markdown());
        out.flush();
    }

    /** The machine's 1-minute load average (Linux), since other work on a 2-core machine moves every figure. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    void note(String text) {
        out.printf("%s%n%n", text);
        out.flush();
    }
}
