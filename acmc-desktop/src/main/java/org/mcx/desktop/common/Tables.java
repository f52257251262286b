package org.mcx.desktop.common;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.util.Duration;

/**
 * Read-only table columns from plain getters, so a view declares its columns in one line each.
 * A cell's whole text is in its tooltip, so a value cut short by a narrow column is still readable.
 */
public final class Tables {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private Tables() {
    }

    public static <T, V> TableColumn<T, V> column(String title, Function<T, V> value) {
        TableColumn<T, V> c = new TableColumn<>(title);
        c.setMinWidth(headerWidth(title)); // headers stay readable; long values have a tooltip
        c.setPrefWidth(Math.max(c.getMinWidth(), 110));
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setCellFactory(col -> new TextCell<>());
        return c;
    }

    /** The width a column needs to show its bold title whole, with the sort arrow's room. */
    static double headerWidth(String title) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(title);
        javafx.scene.text.Font base = javafx.scene.text.Font.getDefault();
        t.setFont(javafx.scene.text.Font.font(base.getFamily(), javafx.scene.text.FontWeight.BOLD, Math.max(14, base.getSize())));
        return Math.max(50, Math.ceil(t.getLayoutBounds().getWidth()) + 32);
    }

    /** A time column wide enough for the whole time ("2026-11-22 10:00:00"). */
    /** A column whose values run long (addresses, details): it asks for more of the spare width. */
    public static <T, V> TableColumn<T, V> wide(TableColumn<T, V> column, double prefWidth) {
        column.setPrefWidth(prefWidth);
        return column;
    }

    public static <T> TableColumn<T, String> time(String title, Function<T, Instant> value) {
        TableColumn<T, String> c = column(title, row -> format(value.apply(row)));
        javafx.scene.text.Text sample = new javafx.scene.text.Text("0000-00-00 00:00:00");
        javafx.scene.text.Font base = javafx.scene.text.Font.getDefault();
        sample.setFont(javafx.scene.text.Font.font(base.getFamily(), Math.max(14, base.getSize())));
        c.setMinWidth(Math.max(c.getMinWidth(), Math.ceil(sample.getLayoutBounds().getWidth()) + 24));
        c.setPrefWidth(c.getMinWidth());
        return c;
    }

    public static String format(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    public static <T> TableView<T> table(String placeholder) {
        TableView<T> t = new TableView<>();
        // Spare width goes to every column by its preferred width, not all to the last one.
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        t.setPlaceholder(new Label(placeholder));
        // Too narrow for every column's readable width (a laptop's 1024 px): scroll sideways rather
        // than push the last columns out of reach, as the constrained policy alone would.
        t.widthProperty().addListener((o, was, now) -> fitOrScroll(t));
        t.getColumns().addListener((javafx.collections.ListChangeListener<TableColumn<T, ?>>) change -> fitOrScroll(t));
        return t;
    }

    private static <T> void fitOrScroll(TableView<T> t) {
        double needed = t.getVisibleLeafColumns().stream().mapToDouble(TableColumn::getMinWidth).sum();
        boolean fits = t.getWidth() <= 0 || needed + 20 <= t.getWidth();
        var policy = fits ? TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS : TableView.UNCONSTRAINED_RESIZE_POLICY;
        if (t.getColumnResizePolicy() != policy) {
            t.setColumnResizePolicy(policy);
        }
    }

    /**
     * The placeholder of a table showing {@code list}: {@code emptyText} when there is nothing at
     * all, and how many rows the search or filters hide when there are rows but none is shown.
     */
    public static void placeholder(TableView<?> table, LiveList<?> list, String emptyText, I18n i18n) {
        Label l = new Label();
        l.setWrapText(true);
        l.textProperty().bind(Bindings.createStringBinding(() -> list.items().isEmpty() ? emptyText
                : i18n.get("table.allHidden", list.items().size()), list.items(), list.filtered()));
        table.setPlaceholder(l);
    }

    /**
     * Keeps the selected row selected when the list reloads (a reload brings new objects for the same
     * rows, and the table would drop the selection — with it what the keyboard was about to open).
     */
    public static <T> void keepSelection(TableView<T> table, Function<T, Object> key) {
        Object[] selected = {null};
        boolean[] restoring = {false};
        // Only a row chosen is remembered: the table itself clears the selection in the middle of a reload.
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (!restoring[0] && now != null) {
                selected[0] = key.apply(now);
            }
        });
        table.getItems().addListener((javafx.collections.ListChangeListener<T>) c -> {
            Object wanted = selected[0];
            if (wanted == null) {
                return;
            }
            T current = table.getSelectionModel().getSelectedItem();
            if (current != null && wanted.equals(key.apply(current))) {
                return;
            }
            for (T row : table.getItems()) {
                if (wanted.equals(key.apply(row))) {
                    restoring[0] = true;
                    try {
                        table.getSelectionModel().select(row);
                    } finally {
                        restoring[0] = false;
                    }
                    return;
                }
            }
        });
    }

    /** Double-click on a row, or Enter on the selected one, opens it (edit, decide, details). */
    public static <T> void onOpen(TableView<T> table, Consumer<T> open) {
        table.setRowFactory(tv -> {
            TableRow<T> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    open.accept(row.getItem());
                }
            });
            return row;
        });
        table.addEventFilter(KeyEvent.KEY_PRESSED, e -> { // before the table's own Enter (start editing)
            if (e.getCode() != KeyCode.ENTER) {
                return;
            }
            // The row with the focus ring is the one meant, even before it is selected.
            int focused = table.getFocusModel().getFocusedIndex();
            if (table.getSelectionModel().getSelectedItem() == null && focused >= 0 && focused < table.getItems().size()) {
                table.getSelectionModel().select(focused);
            }
            T selected = table.getSelectionModel().getSelectedItem();
            if (selected != null) {
                e.consume();
                open.accept(selected);
            }
        });
    }

    /** A cell showing its value's text, with the whole text in a tooltip. */
    static final class TextCell<T, V> extends TableCell<T, V> {
        private final Tooltip tip = new Tooltip();

        TextCell() {
            tip.setShowDelay(Duration.millis(400));
            tip.setWrapText(true);
            tip.setMaxWidth(600);
        }

        @Override
        protected void updateItem(V item, boolean empty) {
            super.updateItem(item, empty);
            String text = empty || item == null ? null : item.toString();
            setText(text);
            if (text == null || text.isEmpty()) {
                setTooltip(null);
            } else {
                tip.setText(text);
                setTooltip(tip);
            }
        }
    }
}
