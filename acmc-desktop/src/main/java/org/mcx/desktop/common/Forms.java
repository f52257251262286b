package org.mcx.desktop.common;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Small layout helpers shared by the views: a titled section, a toolbar row, a labelled form. */
public final class Forms {
    private Forms() {
    }

    public static VBox section(String title, Node content) {
        Label t = new Label(title);
        t.getStyleClass().add(Styles.TITLE_4);
        VBox box = new VBox(8, t, content);
        VBox.setVgrow(content, javafx.scene.layout.Priority.ALWAYS);
        return box;
    }

    public static HBox toolbar(Node... nodes) {
        HBox bar = new HBox(8, nodes);
        for (Node n : nodes) {
            if (n instanceof javafx.scene.control.ButtonBase b) {
                b.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(0, 0, 8, 0));
        return bar;
    }

    public static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    public static Label message(javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }

    public static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        return g;
    }

    public static void row(GridPane grid, int row, String label, javafx.scene.control.Control field) {
        Label l = new Label(label);
        l.setMinWidth(Region.USE_PREF_SIZE); // a label is never cut short; the field takes the rest
        l.setLabelFor(field);
        field.setAccessibleText(label);
        GridPane.setHgrow(field, Priority.ALWAYS);
        grid.addRow(row, l, field);
    }

    public static VBox page(Node... children) {
        VBox box = new VBox(8, children);
        box.setPadding(new Insets(12));
        return box;
    }
}
