package org.mcx.desktop.identities;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.Forms;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.Page;
import org.mcx.desktop.common.Tables;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.message.Acms;

/** This system's server identities, edited in place and saved with Ctrl+S. */
public final class IdentitiesView implements Page {
    private final IdentitiesViewModel vm;
    private final I18n i18n;
    private final VBox root;
    private final TableView<IdentityRow> table;

    public IdentitiesView(IdentitiesViewModel vm, ViewContext ctx) {
        this.vm = vm;
        this.i18n = ctx.i18n();
        table = Tables.table(i18n.get("identities.none"));
        table.setId("identities-table");
        table.setItems(vm.rows());
        table.getColumns().setAll(List.of(
                Tables.column(i18n.get("identities.col.user"), r -> r.isDefault() ? i18n.get("identities.default")
                        : r.isGroup() ? i18n.get("identities.group", r.group(), String.join(", ", r.members()))
                        : r.mcServiceId()),
                Tables.column(i18n.get("identities.col.type"), r -> r.serverType().name()),
                Tables.wide(Tables.column(i18n.get("identities.col.identity"), IdentityRow::identity), 320)));
        TextField user = new TextField();
        user.setPromptText(i18n.get("identities.userPrompt"));
        user.setPrefColumnCount(17);
        user.setAccessibleText(i18n.get("identities.col.user"));
        ComboBox<Acms.ServerType> type = new ComboBox<>();
        type.getItems().setAll(Acms.ServerType.values());
        type.setValue(Acms.ServerType.MCPTT);
        type.setAccessibleText(i18n.get("identities.col.type"));
        TextField identity = new TextField();
        identity.setPromptText("sip:mcptt@mcx-a.example.org");
        identity.setAccessibleText(i18n.get("identities.col.identity"));
        HBoxGrow.grow(identity);
        Button add = Icons.iconOnly(Feather.PLUS, i18n.get("identities.add"));
        add.setOnAction(e -> {
            String problem = vm.add(user.getText(), type.getValue(), identity.getText());
            vm.messageProperty().set(problem == null ? null : i18n.get("identities.invalid", problem));
            if (problem == null) {
                identity.clear();
            }
        });
        Button remove = Icons.iconOnly(Feather.MINUS, i18n.get("identities.remove"));
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> vm.remove(table.getSelectionModel().getSelectedItem()));
        Button save = Icons.labelled(Feather.SAVE, i18n.get("identities.save"));
        save.setOnAction(e -> vm.save());
        var editBar = Forms.toolbar(user, type, identity, add, remove, Forms.spacer(), save);
        identity.setMinWidth(220); // a whole sip: or https: address stays readable
        editBar.setVisible(vm.maySave());
        editBar.setManaged(vm.maySave());
        root = Forms.page(editBar, table, Forms.message(vm.messageProperty()));
        VBox.setVgrow(table, Priority.ALWAYS);
    }

    /** Lets the identity field take the toolbar's spare width. */
    private static final class HBoxGrow {
        static void grow(Node n) {
            javafx.scene.layout.HBox.setHgrow(n, Priority.ALWAYS);
        }
    }

    @Override
    public String id() {
        return "identities";
    }

    @Override
    public String title() {
        return i18n.get("nav.identities");
    }

    @Override
    public Ikon icon() {
        return Feather.SHIELD;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        vm.reload();
        table.requestFocus();
    }

    @Override
    public boolean save() {
        if (!vm.maySave()) {
            return false;
        }
        vm.save();
        return true;
    }
}
