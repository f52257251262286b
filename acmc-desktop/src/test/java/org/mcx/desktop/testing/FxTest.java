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
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Tasks;
import org.mcx.desktop.shell.Consoles;
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

    /** Logs on to {@code base} and opens a console window at a laptop's 1024×700 on {@code page}. */
    protected org.mcx.desktop.shell.ConsoleWindow openLaptopWindow(java.net.URI base, String user, String password, String page)
            throws Exception {
        org.mcx.desktop.common.ConsoleSession session = consoles.opener().open(base, user, password, null, "test")
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        org.mcx.desktop.shell.ConsoleWindow w = onFx(() -> consoles.open(stage, session));
        onFxRun(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
            w.shell().show(page);
        });
        idle();
        return w;
    }

    /** Closes every window and console; subclasses call it before stopping their backend, so no console reconnects in vain. */
    @AfterEach
    protected void closeConsoles() throws Exception {
        consoles.closeAll(); // off the FX thread, as the application does: sessions log out and wait for it
        onFx(() -> {
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

    /** Waits until {@code condition}, evaluated off the FX thread (it may ask the server), holds. */
    protected static void waitUntilAsked(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for: " + what, e);
        }
    }

    /**
     * A double-click on {@code node}, as JavaFX delivers it (one click with a click count of 2): Monocle's
     * headless robot does not count two robot clicks as one double-click. Returns at once, since what
     * it opens may be a dialog that waits.
     */
    protected static void doubleClick(Node node) {
        javafx.application.Platform.runLater(() -> {
            javafx.geometry.Bounds b = node.localToScreen(node.getBoundsInLocal());
            double x = b.getMinX() + b.getWidth() / 2;
            double y = b.getMinY() + b.getHeight() / 2;
            javafx.geometry.Point2D local = node.screenToLocal(x, y);
            javafx.event.Event.fireEvent(node, new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_CLICKED,
                    local.getX(), local.getY(), x, y, javafx.scene.input.MouseButton.PRIMARY, 2, false, false, false, false,
                    false, false, false, true, false, true, null));
        });
    }

    /** Waits until no background task of the console runs and the FX thread has handled what it was given. */
    protected void idle() throws Exception {
        waitUntil("the console's work is done", () -> consoles.tasks().runningProperty().get() == 0);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The dialog showing now (the newest), once there is one. */
    protected static javafx.scene.control.DialogPane dialog(String what) throws Exception {
        waitUntil("the dialog: " + what, () -> topDialog() != null);
        return onFx(FxTest::topDialog);
    }

    protected static boolean dialogShowing() throws Exception {
        return onFx(() -> topDialog() != null);
    }

    private static javafx.scene.control.DialogPane topDialog() {
        javafx.scene.control.DialogPane top = null;
        for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
            if (w.isShowing() && w.getScene() != null && w.getScene().getRoot() instanceof javafx.scene.control.DialogPane d) {
                top = d;
            }
        }
        return top;
    }

    /** Presses the dialog's button of {@code type} (Cancel, OK, ...). */
    protected static void press(javafx.scene.control.DialogPane d, javafx.scene.control.ButtonType type) throws Exception {
        onFxRun(() -> ((javafx.scene.control.Button) d.lookupButton(type)).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Presses the dialog's button with this id (the main one: "save-user", "confirm", ...). */
    protected static void press(javafx.scene.control.DialogPane d, String buttonId) throws Exception {
        onFxRun(() -> {
            javafx.scene.control.Button b = (javafx.scene.control.Button) d.lookup("#" + buttonId);
            if (b == null || b.isDisabled()) {
                throw new AssertionError("no enabled button #" + buttonId + " in the dialog " + d.getHeaderText());
            }
            b.fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Closes the dialog without doing anything: Cancel, or OK where it only informs. */
    protected static void cancel(javafx.scene.control.DialogPane d) throws Exception {
        var types = d.getButtonTypes();
        press(d, types.contains(javafx.scene.control.ButtonType.CANCEL) ? javafx.scene.control.ButtonType.CANCEL
                : types.contains(javafx.scene.control.ButtonType.CLOSE) ? javafx.scene.control.ButtonType.CLOSE
                : javafx.scene.control.ButtonType.OK);
        waitUntil("the dialog closes", () -> d.getScene() == null || !d.getScene().getWindow().isShowing());
    }

    /** Closes the dialog with Escape, as a person would (its Cancel button takes it), and waits until it is gone. */
    protected void escape(javafx.scene.control.DialogPane d) throws Exception {
        onFxRun(() -> d.getScene().getWindow().requestFocus());
        WaitForAsyncUtils.waitForFxEvents();
        robot.push(javafx.scene.input.KeyCode.ESCAPE);
        waitUntil("Escape closes the dialog", () -> d.getScene() == null || !d.getScene().getWindow().isShowing());
    }

    /**
     * Fails unless the dialog is usable on a laptop's 1024×700 screen: nothing cut short (as
     * {@link #assertLayout}), its window no larger than the screen, its buttons and content shown whole ({@link DialogFit}).
     */
    protected static void assertFitsLaptop(javafx.scene.control.DialogPane d, String where) throws Exception {
        assertLayout(d, where);
        java.util.List<String> problems = onFx(() -> DialogFit.problems(d));
        if (!problems.isEmpty()) {
            throw new AssertionError(where + ":\n  " + String.join("\n  ", problems));
        }
    }

    /** Fails naming every label cut short and every field too narrow under {@code root}. */
    protected static void assertLayout(javafx.scene.Parent root, String where) throws Exception {
        java.util.List<String> problems = onFx(() -> LayoutCheck.problems(root));
        if (!problems.isEmpty()) {
            throw new AssertionError(where + ":\n  " + String.join("\n  ", problems));
        }
    }

    protected <T extends Node> T lookup(String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }

    protected boolean present(String query) {
        return robot.lookup(query).tryQuery().isPresent();
    }
}
