package org.mcx.desktop.common;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Read-only table columns from plain getters, so a view declares its columns in one line each. */
public final class Tables {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private Tables() {
    }

    public static <T, V> TableColumn<T, V> column(String title, Function<T, V> value) {
        TableColumn<T, V> c = new TableColumn<>(title);
        c.setMinWidth(Math.max(50, title.length() * 8 + 24)); // headers stay readable; long values may be cut
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    public static <T> TableColumn<T, String> time(String title, Function<T, Instant> value) {
        return column(title, row -> format(value.apply(row)));
    }

    public static String format(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    public static <T> TableView<T> table(String placeholder) {
        TableView<T> t = new TableView<>();
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label(placeholder));
        return t;
    }
}
