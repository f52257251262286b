package org.mcx.desktop.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.mcx.desktop.testing.Direct;
import org.mcx.desktop.testing.FxTest;

/**
 * The tables' common behaviour in a real scene: a cut value is whole in its tooltip; the placeholder
 * tells "hidden by the filter" from "none at all"; Enter (and double-click) opens a row; the focused
 * table and row are visibly marked.
 */
class TablesUiTest extends FxTest {
    record Row(String name, String address) {
    }

    LiveList<Row> list;
    TableView<Row> table;
    final AtomicReference<Row> opened = new AtomicReference<>();

    void show(List<Row> rows) throws Exception {
        list = new LiveList<>(Direct.tasks(), null, "rows", () -> CompletableFuture.completedFuture(rows));
        onFxRun(() -> {
            table = Tables.table("");
            table.setItems(list.sorted());
            table.getColumns().setAll(List.of(Tables.column("Name", Row::name), Tables.column("Address", Row::address)));
            Tables.placeholder(table, list, "No service is registered", Direct.I18N);
            Tables.onOpen(table, opened::set);
            Tables.keepSelection(table, Row::name);
            table.setId("rows");
            Scene scene = new Scene(new StackPane(table), 260, 200);
            scene.getStylesheets().add(Tables.class.getResource("/org/mcx/desktop/console.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            list.reload();
        });
    }

    private String placeholder() {
        return ((Label) table.getPlaceholder()).getText();
    }

    @Test
    void aCutValueIsWholeInItsTooltip() throws Exception {
        String address = "https://gms.county-b.example/a/very/long/base/path/that/does/not/fit";
        show(List.of(new Row("gm-1", address)));
        waitUntil("the row is drawn", () -> present(".table-cell"));
        TableCell<?, ?> cell = robot.lookup(".table-cell").match((TableCell<?, ?> c) -> address.equals(c.getText())).query();
        assertThat(onFx(() -> cell.getTooltip().getText())).isEqualTo(address);
    }

    @Test
    void thePlaceholderSaysWhenTheFilterHidesEveryRow() throws Exception {
        show(List.of());
        assertThat(onFx(this::placeholder)).isEqualTo("No service is registered");
        show(List.of(new Row("gm-1", "a"), new Row("gm-2", "b")));
        onFxRun(() -> list.setFilter(r -> false));
        assertThat(onFx(this::placeholder)).doesNotContain("No service is registered").contains("all 2 hidden");
    }

    @Test
    void enterOpensTheSelectedRowAndTheFocusedRowIsMarked() throws Exception {
        show(List.of(new Row("gm-1", "a"), new Row("gm-2", "b")));
        onFxRun(() -> {
            table.requestFocus();
            table.getSelectionModel().select(1);
            table.getFocusModel().focus(1);
        });
        robot.push(KeyCode.ENTER);
        assertThat(opened.get()).isEqualTo(new Row("gm-2", "b"));
        TableRow<?> focused = onFx(() -> (TableRow<?>) table.lookupAll(".table-row-cell").stream()
                .filter(n -> ((TableRow<?>) n).getIndex() == 1).findFirst().orElseThrow());
        waitUntil("the focused row is outlined", () -> focused.getBorder() != null && !focused.getBorder().getStrokes().isEmpty()
                && !Color.TRANSPARENT.equals(focused.getBorder().getStrokes().get(0).getTopStroke()));
        assertThat(onFx(() -> table.getBorder() != null && !table.getBorder().getStrokes().isEmpty())).as("the table too").isTrue();
    }

    @Test
    void enterOpensTheRowWithTheFocusRingEvenBeforeItIsSelected() throws Exception {
        show(List.of(new Row("gm-1", "a")));
        waitUntil("the row", () -> table.getItems().size() == 1);
        onFxRun(() -> {
            table.requestFocus();
            table.getSelectionModel().clearSelection();
            table.getFocusModel().focus(0);
        });
        robot.push(KeyCode.ENTER);
        assertThat(opened.get()).isEqualTo(new Row("gm-1", "a"));
    }

    @Test
    void aReloadKeepsTheSelectedRowSoEnterStillOpensIt() throws Exception {
        List<Row> rows = new java.util.ArrayList<>(List.of(new Row("gm-1", "a"), new Row("gm-2", "b")));
        show(rows);
        waitUntil("the rows", () -> table.getItems().size() == 2);
        onFxRun(() -> table.getSelectionModel().select(1));
        rows.set(1, new Row("gm-2", "b, moved")); // the same row, as the next answer brings it
        rows.add(0, new Row("cm-1", "c"));
        onFxRun(() -> list.reload());
        waitUntil("reloaded", () -> table.getItems().size() == 3);
        assertThat(onFx(() -> table.getSelectionModel().getSelectedItem())).isEqualTo(new Row("gm-2", "b, moved"));
    }
}
