package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * A leak Netty reports fails the SAS's tests. The package has Netty watch one buffer in 4096, to save
 * the CPU (docs/operations.md), so a leak on a path only hostile input takes could go unseen for long
 * in production; the tests, which take those paths, run with every buffer watched (the module's
 * surefire settings). Netty reports a leak once the collector has found the buffer unreachable and the
 * next buffer is allocated; {@link #assertNoLeaks} forces both. The report says where the buffer was made.
 */
final class LeakWatch {
    static final String EVERY_BUFFER = "io.netty.leakDetection.samplingInterval";
    private static final List<String> reported = new CopyOnWriteArrayList<>();
    private static final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
                reported.add(event.getFormattedMessage());
            }
        }
    };

    private LeakWatch() {
    }

    static synchronized void start() {
        if (!"1".equals(System.getProperty(EVERY_BUFFER)) || !ResourceLeakDetector.isEnabled()) {
            throw new IllegalStateException("run with -D" + EVERY_BUFFER + "=1, as the module's surefire settings do,"
                    + " so that Netty watches every buffer");
        }
        appender.start();
        nettysLogger().addAppender(appender);
    }

    static synchronized void stop() {
        nettysLogger().detachAppender(appender);
    }

    /** Collects, lets Netty look at what was collected, and fails with what it reported. */
    static void assertNoLeaks() throws InterruptedException {
        // Two collections: the reference handler queues what one found in no set order, a sentinel
        // among it, but it queues all of one collection's before any of the next's.
        for (int i = 0; i < 2; i++) {
            ReferenceQueue<Object> handled = new ReferenceQueue<>();
            WeakReference<Object> sentinel = new WeakReference<>(new Object(), handled);
            System.gc();
            assertThat(handled.remove(10_000)).as("the collector's work handled within 10 s").isSameAs(sentinel);
        }
        ByteBufAllocator.DEFAULT.directBuffer(1).release(); // a watched allocation drains the leak queue
        List<String> leaks = List.copyOf(reported);
        reported.clear();
        assertThat(leaks).as("buffers Netty reported leaked").isEmpty();
    }

    private static Logger nettysLogger() {
        return (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    }
}
