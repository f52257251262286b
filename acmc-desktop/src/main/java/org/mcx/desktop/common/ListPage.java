package org.mcx.desktop.common;

import atlantafx.base.controls.CustomTextField;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/**
 * A page that is a searchable live table with a few actions (users, nodes, partners): the shape
 * those views share, so each declares only its columns, its search text and its actions.
 */
public final class ListPage<T> implements Page {
    private final String id;
    private final String title;
    private final Ikon icon;
    private final LiveList<T> list;
    private final VBox root;
    private final CustomTextField search;
    private final TableView<T> table;

    public ListPage(String id, String title, Ikon icon, LiveList<T> list, I18n i18n, Function<T, String> searchText,
                    List<TableColumn<T, ?>> columns, List<Button> actions) {
        this.id = id;
        this.title = title;
        this.icon = icon;
        this.list = list;
        search = SearchBox.create(i18n.get("search"));
        search.textProperty().addListener((o, was, now) -> {
            String q = now == null ? "" : now.trim().toLowerCase(Locale.ROOT);
            list.setFilter(q.isEmpty() ? null : t -> searchText.apply(t).toLowerCase(Locale.ROOT).contains(q));
        });
        table = Tables.table(i18n.get("empty"));
        table.setId(id + "-table");
        Tables.placeholder(table, list, i18n.get("empty"), i18n);
        table.setItems(list.sorted());
        list.sorted().comparatorProperty().bind(table.comparatorProperty());
        table.getColumns().setAll(columns);
        Button refresh = Icons.iconOnly(Feather.REFRESH_CW, i18n.get("refresh"));
        refresh.setOnAction(e -> list.reload());
        var bar = Forms.toolbar(search, Forms.spacer());
        bar.getChildren().addAll(actions);
        bar.getChildren().add(refresh);
        root = Forms.page(bar, table, Forms.message(list.errorProperty()));
        VBox.setVgrow(table, Priority.ALWAYS);
    }

    /** Keeps the selected row (by this key) selected across reloads. */
    public void keepSelection(Function<T, Object> key) {
        Tables.keepSelection(table, key);
    }

    /** Double-click or Enter on a row. */
    public void onOpen(java.util.function.Consumer<T> open) {
        Tables.onOpen(table, open);
    }

    public TableView<T> table() {
        return table;
    }

    public T selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public Ikon icon() {
        return icon;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        list.reload();
        table.requestFocus();
    }

    @Override
    public boolean focusSearch() {
        search.requestFocus();
        return true;
    }
}
