package org.mcx.desktop.common;

import java.util.List;
import java.util.Map;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/** A row of a read-only table in full (double-click or Enter): every field with its whole value, selectable. */
public final class RowDetails {
    private RowDetails() {
    }

    public static void show(Window owner, I18n i18n, String title, List<Map.Entry<String, String>> fields) {
        Dialog<ButtonType> d = Dialogs.create(owner, title, null);
        GridPane grid = Forms.grid();
        int row = 0;
        for (Map.Entry<String, String> f : fields) {
            String value = f.getValue() == null ? "" : f.getValue();
            if (value.length() > 80 || value.contains("\n")) {
                TextArea area = new TextArea(value);
                area.setEditable(false);
                area.setWrapText(true);
                area.setPrefRowCount(Math.min(8, 2 + value.length() / 50));
                area.setPrefColumnCount(48);
                Forms.row(grid, row++, f.getKey(), area);
            } else {
                Label v = new Label(value);
                v.setWrapText(true);
                v.setMinHeight(Region.USE_PREF_SIZE);
                Forms.row(grid, row++, f.getKey(), v);
            }
        }
        grid.setPadding(new javafx.geometry.Insets(12, 12, 4, 12));
        grid.setPrefWidth(600);
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        d.getDialogPane().lookupButton(ButtonType.CLOSE).setId("close-details");
        d.show();
    }
}
