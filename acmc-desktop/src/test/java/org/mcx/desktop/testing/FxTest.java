package org.mcx.desktop.testing;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.mcx.desktop.Consoles;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Tasks;
import org.mcx.desktop.shell.ThemeSwitch;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A real JavaFX scene under Monocle (headless, see the surefire configuration): a stage per test,
 * the console's production wiring (a daemon pool for work, the FX thread for results), and waits
 * that poll a condition on the FX thread with a deadline instead of sleeping.
 */
public abstract class FxTest {
    protected static final int WAIT_SECONDS = 20;
    protected final FxRobot robot = new FxRobot();
    protected final I18n i18n = I18n.load(Locale.ENGLISH);
    protected Stage stage;
    protected Consoles consoles;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void stageAndWiring() throws Exception {
        stage = FxToolkit.registerStage(Stage::new);
        consoles = onFx(() -> new Consoles(i18n, Tasks.withDaemonPool(Platform::runLater), new ThemeSwitch(false)));
    }

    /** Closes every window and console; subclasses call it before stopping their backend, so no console reconnects in vain. */
    @AfterEach
    protected void closeConsoles() throws Exception {
        onFx(() -> {
            consoles.closeAll();
            for (javafx.stage.Window w : javafx.stage.Window.getWindows().toArray(javafx.stage.Window[]::new)) {
                if (w instanceof Stage s) {
                    s.close();
                } else {
                    w.hide();
                }
            }
            return null;
        });
    }

    protected static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    protected static void onFxRun(Runnable work) throws Exception {
        onFx(() -> {
            work.run();
            return null;
        });
    }

    /** Waits until {@code condition}, evaluated on the FX thread, holds. */
    protected static void waitUntil(String what, BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> onFx(condition::getAsBoolean));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for: " + what, e);
        }
    }

    protected <T extends Node> T lookup(String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }

    protected boolean present(String query) {
        return robot.lookup(query).tryQuery().isPresent();
    }
}
