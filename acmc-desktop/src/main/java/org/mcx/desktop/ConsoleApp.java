package org.mcx.desktop;

import java.nio.file.Files;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Tasks;
import org.mcx.desktop.connection.ConnectionPrefs;
import org.mcx.desktop.demo.DemoLauncher;
import org.mcx.desktop.demo.DemoOptions;
import org.mcx.desktop.shell.ThemeSwitch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: the connect window, or straight into the demo with {@code --demo}. */
public final class ConsoleApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(ConsoleApp.class);

    private Consoles consoles;

    @Override
    public void start(Stage stage) throws Exception {
        LaunchOptions options = LaunchOptions.parse(getParameters().getRaw());
        I18n i18n = I18n.english();
        Tasks tasks = Tasks.withDaemonPool(Platform::runLater);
        ThemeSwitch theme = new ThemeSwitch(options.dark());
        ConnectionPrefs prefs = ConnectionPrefs.user();
        if (options.server() != null) {
            prefs.rememberServer(options.server());
        }
        consoles = new Consoles(i18n, tasks, theme);
        DemoLauncher demo = new DemoLauncher(consoles, tasks, i18n, () -> DemoOptions.defaults(
                Files.createTempDirectory("acmc-demo-")), options.exitWhenReady());
        if (options.demo()) {
            demo.start(stage);
        } else {
            consoles.showConnect(stage, prefs, demo);
        }
    }

    @Override
    public void stop() {
        if (consoles != null) {
            consoles.closeAll();
        }
        log.info("console stopped");
    }
}
