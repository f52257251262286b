package org.mcx.desktop.shell;

import java.util.Optional;
import java.util.ServiceLoader;
import javafx.stage.Stage;

/**
 * The demo, where it is installed. It embeds two backends, the service access server and the
 * samples, so it lives in its own module (acmc-demo), which provides this through
 * {@link ServiceLoader}; the console alone finds none and offers no demo. The console thus depends
 * on nothing of the backend, and the demo on the console, not the other way round.
 */
public interface DemoMode {

    /** Off the FX thread, before the toolkit starts: starts what takes longest, so both warm up at once. */
    void prestart();

    /**
     * On the FX thread: runs the demo in {@code stage} (a splash, then the primary's console), with
     * the application's windows and sessions from {@code consoles}. Systems started by
     * {@link #prestart()} are used once; a later start (the connect window's "Start demo") starts anew.
     * {@code exitWhenReady}: the launch-time benchmark's mode, which logs its times and closes the window.
     */
    void start(Stage stage, Consoles consoles, boolean exitWhenReady);

    /** The installed demo, if any (the first provider found on the class path). */
    static Optional<DemoMode> installed() {
        return ServiceLoader.load(DemoMode.class).findFirst();
    }
}
