package org.mcx.server;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a server process after its start: it says where it listens on standard output (the
 * line installers, tests and scripts wait for), then waits for SIGTERM, on which its stop action
 * runs and "stopped" is said.
 */
public final class UntilTerminated {
    private static final Logger log = LoggerFactory.getLogger(UntilTerminated.class);

    /** What to close when the process is told to stop. */
    @FunctionalInterface
    public interface StopAction {
        void run() throws Exception;
    }

    private UntilTerminated() {
    }

    /** Returns 0 once stopped (the JVM itself exits with 143 after a SIGTERM's shutdown hooks). */
    public static int serve(String url, StopAction stop) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            try {
                stop.run();
            } catch (Exception e) {
                log.warn("error while stopping", e);
            }
            System.out.println("stopped");
            System.out.flush();
            stopped.countDown();
        }, "mcx-shutdown"));
        System.out.println("listening on " + url);
        System.out.flush();
        stopped.await();
        return 0;
    }
}
