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

    /**
     * A row of search fields and buttons. Buttons and labels keep the width their text needs (never
     * "E…"), also those added later; a search field keeps at least a readable width.
     */
    public static HBox toolbar(Node... nodes) {
        HBox bar = new HBox(8);
        bar.getChildren().addListener((javafx.collections.ListChangeListener<Node>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(Forms::keepWidth);
            }
        });
        bar.getChildren().addAll(nodes);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(0, 0, 8, 0));
        return bar;
    }

    /** Labelled controls keep their text's width; text fields keep a readable one. */
    public static void keepWidth(Node n) {
        if (n instanceof javafx.scene.control.Labeled l) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        } else if (n instanceof javafx.scene.control.TextField t) {
            t.setMinWidth(MIN_FIELD_WIDTH);
        } else if (n instanceof javafx.scene.control.ComboBoxBase<?> c) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
    }

    /** The narrowest a search or filter field may become (about 16 characters). */
    public static final double MIN_FIELD_WIDTH = 150;

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

    /**
     * A labelled row of a form. Neither the label nor a choice field is ever cut short: the label
     * keeps its width, a combo box or spinner the width of its widest choice, a text field its
     * columns; the field takes the rest of the row.
     */
    public static void row(GridPane grid, int row, String label, Node field) {
        Label l = new Label(label);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.setLabelFor(field);
        if (field instanceof javafx.scene.control.Control c) {
            c.setAccessibleText(label);
        }
        if (field instanceof javafx.scene.control.ComboBoxBase<?> || field instanceof javafx.scene.control.Spinner<?>
                || field instanceof javafx.scene.control.TextField || field instanceof javafx.scene.control.ChoiceBox<?>) {
            ((Region) field).setMinWidth(Region.USE_PREF_SIZE);
        }
        GridPane.setHgrow(field, Priority.ALWAYS);
        if (field instanceof Region r && !(field instanceof javafx.scene.control.TextArea)) {
            r.setMaxWidth(Double.MAX_VALUE);
        }
        grid.addRow(row, l, field);
    }

    public static VBox page(Node... children) {
        VBox box = new VBox(8, children);
        box.setPadding(new Insets(12));
        return box;
    }
}
