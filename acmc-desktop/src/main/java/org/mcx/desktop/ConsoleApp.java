package org.mcx.desktop;

import java.nio.file.Files;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Tasks;
import org.mcx.desktop.connection.ConnectionPrefs;
import org.mcx.desktop.demo.DemoLauncher;
import org.mcx.desktop.demo.DemoOptions;
import org.mcx.desktop.demo.DemoSystems;
import org.mcx.desktop.shell.Consoles;
import org.mcx.desktop.shell.ThemeSwitch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console application: the connect window, or straight into the demo with {@code --demo}.
 * Closing the first window ends the application, its sessions and the demo's systems.
 */
public final class ConsoleApp {
    private static final Logger log = LoggerFactory.getLogger(ConsoleApp.class);

    private final LaunchOptions options;
    private DemoSystems prestarted;
    private Consoles consoles;

    public ConsoleApp(LaunchOptions options) {
        this.options = options;
    }

    /** Off the FX thread, before the toolkit: the demo's systems start while JavaFX initialises. */
    void prestartDemo() {
        prestarted = DemoSystems.startPrimaryFirst(demoOptions());
    }

    private static DemoOptions demoOptions() {
        try {
            return DemoOptions.defaults(Files.createTempDirectory("acmc-demo-"));
        } catch (java.io.IOException e) {
            throw new CompletionException("no temporary directory for the demo", e);
        }
    }

    /** On the FX thread. */
    void start() {
        Platform.setImplicitExit(false);
        I18n i18n = I18n.english();
        Tasks tasks = Tasks.withDaemonPool(Platform::runLater);
        ThemeSwitch theme = new ThemeSwitch(options.dark());
        ConnectionPrefs prefs = ConnectionPrefs.user();
        if (options.server() != null) {
            prefs.rememberServer(options.server());
        }
        consoles = new Consoles(i18n, tasks, theme);
        double[] size = options.windowSize();
        if (size != null) {
            consoles.windowSize(size[0], size[1]);
        }
        // Ctrl+C or SIGTERM: still end the sessions and remove the demo's temporary data.
        Runtime.getRuntime().addShutdownHook(new Thread(consoles::closeAll, "acmc-shutdown-hook"));
        Stage stage = new Stage();
        // The first window is the application: closing it stops everything (secondary consoles too).
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> stop());
        DemoLauncher demo = new DemoLauncher(consoles, tasks, i18n, ConsoleApp::demoOptions, options.exitWhenReady());
        if (prestarted != null) {
            demo.start(stage, prestarted);
        } else if (options.demo()) {
            demo.start(stage);
        } else {
            consoles.showConnect(stage, prefs, demo::start);
            if (options.exitWhenReady()) {
                // The benchmark's baseline: JVM, JavaFX and one window, no backend.
                Platform.runLater(() -> {
                    log.info("connect window after {} ms (JVM start to the connect window)", System.currentTimeMillis()
                            - Long.getLong("acmc.launchedAt",
                            java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()));
                    stage.hide();
                });
            }
        }
    }

    private void stop() {
        // Off the FX thread: closing backends waits for their threads.
        Thread t = new Thread(() -> {
            consoles.closeAll();
            log.info("console stopped");
            Platform.exit();
        }, "acmc-shutdown");
        t.start();
    }
}
