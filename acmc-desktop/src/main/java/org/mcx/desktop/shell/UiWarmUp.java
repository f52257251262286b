package org.mcx.desktop.shell;

import atlantafx.base.controls.CustomTextField;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Builds and styles a throw-away scene with the controls the console uses, on the FX thread while
 * it would otherwise wait for the demo's systems: class loading, skins and the theme's CSS are then
 * ready when the real window is built (launch time; see docs/benchmarks.md).
 */
public final class UiWarmUp {
    private UiWarmUp() {
    }

    public static void run() {
        TableView<String> table = new TableView<>();
        table.getColumns().add(new TableColumn<>("x"));
        table.getItems().add("x");
        VBox box = new VBox(new Label("x", new FontIcon(Feather.HOME)), new Button("x", new FontIcon(Feather.CHECK)),
                new ToggleButton("x"), new CustomTextField(), new ComboBox<String>(), new TextArea(), table,
                new ListView<String>());
        BorderPane root = new BorderPane(new SplitPane(box, new VBox()));
        root.setBottom(new StatusBar());
        Scene scene = new Scene(root, 800, 600);
        scene.getStylesheets().add(UiWarmUp.class.getResource("/org/mcx/desktop/console.css").toExternalForm());
        root.applyCss();
        root.layout();
    }
}
