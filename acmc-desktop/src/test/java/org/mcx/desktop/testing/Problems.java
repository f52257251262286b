package org.mcx.desktop.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import javafx.application.Platform;
import org.slf4j.LoggerFactory;

/**
 * Collects what must never happen while a person uses the console: an exception nobody caught (on
 * the FX thread or any other), an error logged by anyone in the process, a warning logged by the
 * console, and JavaFX's own warnings (CSS that does not resolve, layout loops). A test calls
 * {@link #assertNone(String)} after each step, so the step that caused a problem is the one that fails.
 */
public final class Problems implements AutoCloseable {
    private final List<String> seen = new ArrayList<>();
    private final Appender appender = new Appender();
    private final JulHandler jul = new JulHandler();
    private final Thread.UncaughtExceptionHandler previousDefault;

    private Problems() {
        previousDefault = Thread.getDefaultUncaughtExceptionHandler();
    }

    /** Starts watching; call {@link #close()} to stop. */
    public static Problems watch() throws InterruptedException {
        Problems p = new Problems();
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        p.appender.setContext(ctx);
        p.appender.start();
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(p.appender);
        java.util.logging.Logger.getLogger("").addHandler(p.jul);
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> p.add("uncaught on " + t.getName() + ": " + trace(e)));
        CountDownLatch installed = new CountDownLatch(1);
        Platform.runLater(() -> {
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> p.add("uncaught on the FX thread: " + trace(e)));
            installed.countDown();
        });
        if (!installed.await(20, TimeUnit.SECONDS)) {
            throw new AssertionError("the FX thread did not run the watcher's set-up");
        }
        return p;
    }

    private synchronized void add(String problem) {
        seen.add(problem);
    }

    /** Fails naming every problem seen since the last call; the list starts empty again. */
    public synchronized void assertNone(String step) {
        if (!seen.isEmpty()) {
            String all = String.join("\n---\n", seen);
            seen.clear();
            throw new AssertionError("while " + step + ":\n" + all);
        }
    }

    public synchronized List<String> drain() {
        List<String> copy = List.copyOf(seen);
        seen.clear();
        return copy;
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
        java.util.logging.Logger.getLogger("").removeHandler(jul);
        Thread.setDefaultUncaughtExceptionHandler(previousDefault);
    }

    private static String trace(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    private final class Appender extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent e) {
            boolean console = e.getLoggerName().startsWith("org.mcx.desktop");
            if (e.getLevel().isGreaterOrEqual(Level.ERROR) || (console && e.getLevel().isGreaterOrEqual(Level.WARN))) {
                IThrowableProxy t = e.getThrowableProxy();
                add(e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                        + (t == null ? "" : " — " + t.getClassName() + ": " + t.getMessage()));
            }
        }
    }

    private final class JulHandler extends Handler {
        @Override
        public void publish(LogRecord r) {
            String name = r.getLoggerName() == null ? "" : r.getLoggerName();
            if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue() && name.startsWith("javafx")
                    && !String.valueOf(r.getMessage()).startsWith("Unsupported JavaFX configuration")) {
                add("JavaFX " + name + ": " + r.getMessage()
                        + (r.getThrown() == null ? "" : " — " + r.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
