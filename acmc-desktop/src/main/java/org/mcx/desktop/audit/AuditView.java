package org.mcx.desktop.audit;

import atlantafx.base.controls.CustomTextField;
import java.io.File;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.Forms;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.Page;
import org.mcx.desktop.common.SearchBox;
import org.mcx.desktop.common.Tables;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.message.Console;

/** Who did what, when: filterable, exportable to CSV. */
public final class AuditView implements Page {
    private final AuditViewModel vm;
    private final I18n i18n;
    private final VBox root;
    private final CustomTextField actor;

    public AuditView(AuditViewModel vm, ViewContext ctx) {
        this.vm = vm;
        this.i18n = ctx.i18n();
        actor = SearchBox.create(i18n.get("audit.actor"));
        actor.textProperty().bindBidirectional(vm.actorProperty());
        CustomTextField action = SearchBox.create(i18n.get("audit.action"));
        action.textProperty().bindBidirectional(vm.actionProperty());
        DatePicker from = new DatePicker();
        from.setPromptText(i18n.get("audit.from"));
        from.setAccessibleText(i18n.get("audit.from"));
        from.valueProperty().bindBidirectional(vm.fromProperty());
        DatePicker to = new DatePicker();
        to.setPromptText(i18n.get("audit.to"));
        to.setAccessibleText(i18n.get("audit.to"));
        to.valueProperty().bindBidirectional(vm.toProperty());
        TableView<Console.AuditEntry> table = Tables.table(i18n.get("audit.none"));
        table.setId("audit-table");
        table.setItems(vm.entries().sorted());
        vm.entries().sorted().comparatorProperty().bind(table.comparatorProperty());
        table.getColumns().setAll(List.of(
                Tables.column("#", Console.AuditEntry::seq),
                Tables.time(i18n.get("audit.col.at"), Console.AuditEntry::at),
                Tables.column(i18n.get("audit.col.actor"), Console.AuditEntry::actor),
                Tables.column(i18n.get("audit.col.action"), Console.AuditEntry::action),
                Tables.column(i18n.get("audit.col.target"), Console.AuditEntry::target),
                Tables.column(i18n.get("audit.col.outcome"), Console.AuditEntry::outcome),
                Tables.column(i18n.get("audit.col.detail"), e -> e.detail() == null ? "" : e.detail().toString())));
        Button export = Icons.labelled(Feather.DOWNLOAD, i18n.get("audit.export"));
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("audit.csv");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
            File file = chooser.showSaveDialog(export.getScene().getWindow());
            if (file != null) {
                vm.export(file.toPath());
            }
        });
        Button refresh = Icons.iconOnly(Feather.REFRESH_CW, i18n.get("refresh"));
        refresh.setOnAction(e -> vm.reload());
        root = Forms.page(Forms.toolbar(actor, action, from, to, Forms.spacer(), export, refresh), table,
                Forms.message(vm.messageProperty()), Forms.message(vm.entries().errorProperty()));
        VBox.setVgrow(table, Priority.ALWAYS);
    }

    @Override
    public String id() {
        return "audit";
    }

    @Override
    public String title() {
        return i18n.get("nav.audit");
    }

    @Override
    public Ikon icon() {
        return Feather.FILE_TEXT;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        vm.reload();
    }

    @Override
    public boolean focusSearch() {
        actor.requestFocus();
        return true;
    }
}
