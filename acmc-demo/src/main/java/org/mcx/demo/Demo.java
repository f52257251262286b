package org.mcx.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.CompletionException;
import javafx.stage.Stage;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.shell.Consoles;
import org.mcx.desktop.shell.DemoMode;

/**
 * The demo as the console finds it on the class path (META-INF/services): what makes the console
 * offer {@code --demo} and "Start demo" in the acmc-demo package and not in the console's own.
 */
public final class Demo implements DemoMode {
    private DemoSystems prestarted;

    /** The demo's text (its own bundle: the console's carries none of it). */
    static I18n text() {
        return new I18n(ResourceBundle.getBundle("org.mcx.demo.messages", Locale.ENGLISH));
    }

    /** Fresh options with a new temporary directory, removed when the demo's systems close. */
    static DemoOptions temporary() {
        try {
            return DemoOptions.defaults(Files.createTempDirectory("acmc-demo-"));
        } catch (IOException e) {
            throw new CompletionException("no temporary directory for the demo", e);
        }
    }

    @Override
    public synchronized void prestart() {
        if (prestarted == null) {
            prestarted = DemoSystems.startPrimaryFirst(temporary());
        }
    }

    @Override
    public void start(Stage stage, Consoles consoles, boolean exitWhenReady) {
        DemoSystems starting;
        synchronized (this) {
            starting = prestarted; // used once: a second demo gets systems of its own
            prestarted = null;
        }
        new DemoLauncher(consoles, Demo::temporary, exitWhenReady).start(stage, starting);
    }
}
