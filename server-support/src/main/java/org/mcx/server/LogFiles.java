package org.mcx.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Switches logging from standard error (the default, for development and tests) to a rotating
 * file in {@code --log-dir}, named after the program ({@code registry.log},
 * {@code access-server.log}), rolled daily and at 50 MB, 30 days and 1 GB kept (see
 * {@code logback-file.xml}). Warnings and errors still go to standard error too, so a
 * service manager's journal shows why a start failed.
 */
public final class LogFiles {
    static final String CONFIGURATION = "/logback-file.xml";

    private LogFiles() {
    }

    public static void useDirectory(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        URL configuration = LogFiles.class.getResource(CONFIGURATION);
        if (configuration == null) {
            throw new IOException(CONFIGURATION + " is missing from the jar");
        }
        context.reset();
        context.putProperty("MCX_LOG_DIR", dir.toAbsolutePath().toString());
        context.putProperty("MCX_LOG_NAME", name);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(configuration);
        } catch (JoranException e) {
            throw new IOException("cannot configure logging into " + dir, e);
        }
        LoggerFactory.getLogger(LogFiles.class).info("logging to {}", dir.resolve(name + ".log"));
    }
}
