package org.mcx.desktop;

import java.util.Optional;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Tasks;
import org.mcx.desktop.connection.ConnectionPrefs;
import org.mcx.desktop.shell.Consoles;
import org.mcx.desktop.shell.DemoMode;
import org.mcx.desktop.shell.ThemeSwitch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console application: the connect window, or straight into the demo where it is installed
 * ({@code --demo}, or the demo's own launcher). Closing the first window ends the application, its
 * sessions and the demo's systems.
 */
public final class ConsoleApp {
    private static final Logger log = LoggerFactory.getLogger(ConsoleApp.class);

    private final LaunchOptions options;
    private final Optional<DemoMode> demo;
    private Consoles consoles;

    public ConsoleApp(LaunchOptions options, Optional<DemoMode> demo) {
        this.options = options;
        this.demo = demo;
    }

    /**
     * Starts the console: in demo mode the demo's systems start before the toolkit, so both warm up
     * at once (launch time). {@code --demo} without an installed demo is refused, saying where it is.
     */
    public static void launch(LaunchOptions options, Optional<DemoMode> demo) {
        if (options.demo() && demo.isEmpty()) {
            LaunchOptions.refuse(LaunchOptions.DEMO_ELSEWHERE);
        }
        ConsoleApp app = new ConsoleApp(options, demo);
        if (options.demo()) {
            demo.orElseThrow().prestart();
        }
        Platform.startup(app::start);
    }

    /** On the FX thread. */
    void start() {
        Platform.setImplicitExit(false);
        I18n i18n = I18n.english();
        Tasks tasks = Tasks.withDaemonPool(Platform::runLater);
        WindowOptions window = options.window();
        ThemeSwitch theme = new ThemeSwitch(window.dark());
        ConnectionPrefs prefs = ConnectionPrefs.user();
        if (options.server() != null) {
            prefs.rememberServer(options.server());
        }
        consoles = new Consoles(i18n, tasks, theme);
        double[] size = window.windowSize();
        if (size != null) {
            consoles.windowSize(size[0], size[1]);
        }
        // Ctrl+C or SIGTERM: still end the sessions and remove the demo's temporary data.
        Runtime.getRuntime().addShutdownHook(new Thread(consoles::closeAll, "acmc-shutdown-hook"));
        Stage stage = new Stage();
        // The first window is the application: closing it stops everything (secondary consoles too).
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> stop());
        if (options.demo()) {
            demo.orElseThrow().start(stage, consoles, window.exitWhenReady());
        } else {
            consoles.showConnect(stage, prefs, demo);
            if (window.exitWhenReady()) {
                // The benchmark's baseline: JVM, JavaFX and one window, no backend (logged once it is shown).
                tasks.later(() -> {
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
