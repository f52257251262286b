package org.mcx.desktop.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.mcx.desktop.common.ConsoleSession;
import org.mcx.desktop.common.ErrorText;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.SessionOpener;
import org.mcx.desktop.common.Tasks;
import org.mcx.desktop.common.ViewContext;
import org.mcx.desktop.connection.ConnectView;
import org.mcx.desktop.connection.ConnectViewModel;
import org.mcx.desktop.connection.ConnectionPrefs;

/** Opens the connect window and console windows, and closes every session when the application stops. */
public final class Consoles {
    private final I18n i18n;
    private final Tasks tasks;
    private final ThemeSwitch theme;
    private final List<ConsoleWindow> open = new ArrayList<>();
    private final List<AutoCloseable> onStop = new ArrayList<>();
    private double width = 1280;
    private double height = 800;

    public Consoles(I18n i18n, Tasks tasks, ThemeSwitch theme) {
        this.i18n = i18n;
        this.tasks = tasks;
        this.theme = theme;
    }

    /** The size console windows open at (--window-size). */
    public void windowSize(double width, double height) {
        this.width = width;
        this.height = height;
    }

    public I18n i18n() {
        return i18n;
    }

    public Tasks tasks() {
        return tasks;
    }

    public SessionOpener opener() {
        return new SessionOpener(tasks.ui());
    }

    /** The connect window in {@code stage}; with "Start demo" where the demo is installed ({@code demo} present). */
    public void showConnect(Stage stage, ConnectionPrefs prefs, Optional<DemoMode> demo) {
        ConnectViewModel vm = new ConnectViewModel(tasks, opener(), prefs, i18n);
        ConnectView view = new ConnectView(vm, i18n, session -> open(stage, session),
                demo.map(d -> (Runnable) () -> d.start(stage, this, false)));
        stage.setTitle(i18n.get("connect.title"));
        stage.setScene(new Scene(view.node(), 520, 420));
        stage.show();
        view.focus();
    }

    /** Shows a console for {@code session} in {@code stage}, replacing what it showed. */
    public ConsoleWindow open(Stage stage, ConsoleSession session) {
        ViewContext ctx = new ViewContext(session, tasks, i18n, new ErrorText(i18n));
        ConsoleWindow window = new ConsoleWindow(ctx, theme, stage);
        open.add(window);
        stage.setOnHidden(e -> {
            open.remove(window);
            // Closing the link waits briefly for the close handshake: not on the FX thread.
            CompletableFuture.runAsync(window::close);
        });
        window.show(width, height);
        return window;
    }

    /** The console windows open now, oldest first (read on the FX thread). */
    public List<ConsoleWindow> windows() {
        return List.copyOf(open);
    }

    /** Closed after every console when the application stops (the demo's systems). */
    public synchronized void onStop(AutoCloseable closeable) {
        onStop.add(closeable);
    }

    public synchronized void closeAll() {
        for (ConsoleWindow w : List.copyOf(open)) {
            w.close();
        }
        open.clear();
        List<AutoCloseable> rest = List.copyOf(onStop);
        onStop.clear();
        for (AutoCloseable c : rest) {
            try {
                c.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(Consoles.class).warn("stopping {} failed", c, e);
            }
        }
    }
}
