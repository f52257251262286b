package org.mcx.desktop.common;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The console's dialogs made one way: owned by the window, titled, resizable, the main button named by what it does. */
public final class Dialogs {
    private static final KeyCombination SAVE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);

    private Dialogs() {
    }

    public static <R> Dialog<R> create(Window owner, String title, String header) {
        Dialog<R> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle(title);
        d.setHeaderText(header);
        d.setResizable(true);
        d.getDialogPane().getStylesheets().add(Dialogs.class.getResource("/org/mcx/desktop/console.css").toExternalForm());
        cancelOnEscapeFromLists(d.getDialogPane());
        return d;
    }

    /**
     * Escape cancels the dialog from a list or table too: their own key handling takes Escape as
     * "stop editing" and consumes it even when nothing is being edited, so a dialog that opens with
     * its focus in a users list could not be left with Escape. An edit in progress still gets it.
     */
    static void cancelOnEscapeFromLists(DialogPane pane) {
        pane.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() != KeyCode.ESCAPE) {
                return;
            }
            boolean idleList = e.getTarget() instanceof ListView<?> list && list.getEditingIndex() < 0
                    || e.getTarget() instanceof TableView<?> table && table.getEditingCell() == null;
            if (idleList && pane.lookupButton(ButtonType.CANCEL) instanceof Button cancel) {
                e.consume();
                cancel.fire();
            }
        });
    }

    /** A main button ("Save", "Create", "Approve") and Cancel; Ctrl+S presses the main one too. */
    public static ButtonType actions(Dialog<?> d, String mainText, String id) {
        ButtonType main = new ButtonType(mainText, ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(main, ButtonType.CANCEL);
        Node button = d.getDialogPane().lookupButton(main);
        button.setId(id);
        pressOnShortcut(d.getDialogPane(), main);
        return main;
    }

    /** Ctrl+S in the dialog presses {@code type}'s button (when it is enabled). */
    public static void pressOnShortcut(DialogPane pane, ButtonType type) {
        pane.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (SAVE.match(e) && pane.lookupButton(type) instanceof Button b && !b.isDisabled()) {
                e.consume();
                b.fire();
            }
        });
    }

    /** The form and the line saying what is still wrong under it; the main button waits until nothing is. */
    public static void content(Dialog<?> d, Node form, FormCheck check, ButtonType main) {
        d.getDialogPane().setContent(new VBox(12, form, check.messageLabel()));
        d.getDialogPane().lookupButton(main).disableProperty().bind(check.invalidProperty());
    }

    /** Asks before something that cannot be undone; true when the person pressed {@code actionText}. */
    public static boolean confirm(Window owner, String title, String header, String text, String actionText) {
        Dialog<ButtonType> d = create(owner, title, header);
        ButtonType go = new ButtonType(actionText, ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(go, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(go).setId("confirm");
        javafx.scene.control.Label body = new javafx.scene.control.Label(text);
        body.setWrapText(true);
        body.setPrefWidth(440);
        body.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        d.getDialogPane().setContent(body);
        return d.showAndWait().filter(b -> b == go).isPresent();
    }
}
