package org.mcx.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JVM that has run out of memory serves nobody well any more — its database writer, timers and
 * sockets fail at random — so it must end and be restarted by its service manager. The installed
 * launcher passes {@code -XX:+ExitOnOutOfMemoryError} (exit code 3); started any other way, this
 * says so at start, and a thread that dies of it still ends the process.
 */
public final class OutOfMemoryExit {
    private static final Logger log = LoggerFactory.getLogger(OutOfMemoryExit.class);
    /** The JVM's own exit code for {@code -XX:+ExitOnOutOfMemoryError}, used here too. */
    public static final int EXIT_CODE = 3;

    private OutOfMemoryExit() {
    }

    public static void ensure() {
        if (!jvmExitsOnOutOfMemory()) {
            log.warn("started without -XX:+ExitOnOutOfMemoryError: after running out of memory this process could go on"
                    + " half-working; add it to the java command line (the installed service has it)");
        }
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            if (failure instanceof OutOfMemoryError) {
                try {
                    log.error("terminating: {} ran out of memory ({})", thread.getName(), failure.getMessage());
                } finally {
                    Runtime.getRuntime().halt(EXIT_CODE); // even if logging itself fails for want of memory
                }
            }
            if (previous != null) {
                previous.uncaughtException(thread, failure);
            } else {
                log.error("uncaught in {}", thread.getName(), failure);
            }
        });
    }

    static boolean jvmExitsOnOutOfMemory() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return hotspot != null && Boolean.parseBoolean(hotspot.getVMOption("ExitOnOutOfMemoryError").getValue());
    }
}
