package org.mcx.desktop.nodes;

import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.mcx.desktop.common.Dialogs;
import org.mcx.desktop.common.FormCheck;
import org.mcx.desktop.common.Forms;
import org.mcx.desktop.common.I18n;
import org.mcx.protocol.message.Console;

/** A new node in one dialog: its id and what kind of server it is. */
final class NodeDialog {
    /** The id of its pane, by which tests and the layout check know it. */
    public static final String PANE_ID = "node-dialog";
    record Choice(String nodeId, Console.NodeKind kind) {
    }

    private static final String ID_PATTERN = "[\\p{L}\\p{N}._:@+\\-/=~]{1,128}";

    private NodeDialog() {
    }

    static Optional<Choice> show(Window owner, I18n i18n) {
        Dialog<ButtonType> d = Dialogs.create(owner, i18n.get("nodes.newTitle"), i18n.get("nodes.newHeader"));
        d.getDialogPane().setId(PANE_ID);
        TextField id = new TextField();
        id.setId("node-id");
        id.setPromptText("gm-east-1");
        ToggleGroup kinds = new ToggleGroup();
        RadioButton service = new RadioButton(i18n.get("nodes.kind.SERVICE"));
        service.setId("node-kind-service");
        service.setToggleGroup(kinds);
        service.setUserData(Console.NodeKind.SERVICE);
        service.setSelected(true);
        RadioButton sas = new RadioButton(i18n.get("nodes.kind.SAS"));
        sas.setId("node-kind-sas");
        sas.setToggleGroup(kinds);
        sas.setUserData(Console.NodeKind.SAS);
        GridPane grid = Forms.grid();
        Forms.row(grid, 0, i18n.get("nodes.col.id"), id);
        Forms.row(grid, 1, i18n.get("nodes.col.kind"), new VBox(6, service, sas));
        ButtonType create = Dialogs.actions(d, i18n.get("nodes.create"), "create-node");
        FormCheck check = new FormCheck().rule(id, id.textProperty(),
                () -> id.getText().trim().matches(ID_PATTERN) ? null : i18n.get("nodes.idRule"));
        Dialogs.content(d, grid, check, create);
        d.setOnShown(e -> id.requestFocus());
        return d.showAndWait().filter(b -> b == create)
                .map(b -> new Choice(id.getText().trim(), (Console.NodeKind) kinds.getSelectedToggle().getUserData()));
    }
}
