package org.mcx.desktop.audit;

import atlantafx.base.controls.CustomTextField;
import java.io.File;
import java.util.List;
import java.util.Objects;
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
    private final TableView<Console.AuditEntry> table;

    public AuditView(AuditViewModel vm, ViewContext ctx) {
        this.vm = vm;
        this.i18n = ctx.i18n();
        actor = SearchBox.create(i18n.get("audit.actor"));
        actor.textProperty().bindBidirectional(vm.actorProperty());
        CustomTextField action = SearchBox.create(i18n.get("audit.action"));
        action.textProperty().bindBidirectional(vm.actionProperty());
        actor.setPrefColumnCount(12);
        action.setPrefColumnCount(12);
        DatePicker from = new DatePicker();
        from.setPromptText(i18n.get("audit.from"));
        from.setAccessibleText(i18n.get("audit.from"));
        from.valueProperty().bindBidirectional(vm.fromProperty());
        DatePicker to = new DatePicker();
        to.setPromptText(i18n.get("audit.to"));
        to.setAccessibleText(i18n.get("audit.to"));
        to.valueProperty().bindBidirectional(vm.toProperty());
        table = Tables.table(i18n.get("audit.none"));
        table.setId("audit-table");
        table.setItems(vm.entries().sorted());
        Tables.keepSelection(table, Console.AuditEntry::seq);
        vm.entries().sorted().comparatorProperty().bind(table.comparatorProperty());
        table.getColumns().setAll(List.of(
                Tables.column("#", Console.AuditEntry::seq),
                Tables.time(i18n.get("audit.col.at"), Console.AuditEntry::at),
                Tables.column(i18n.get("audit.col.actor"), Console.AuditEntry::actor),
                Tables.column(i18n.get("audit.col.action"), Console.AuditEntry::action),
                Tables.column(i18n.get("audit.col.target"), Console.AuditEntry::target),
                Tables.column(i18n.get("audit.col.outcome"), Console.AuditEntry::outcome),
                Tables.wide(Tables.column(i18n.get("audit.col.detail"), e -> e.detail() == null ? "" : e.detail().toString()), 360)));
        Button export = Icons.labelled(Feather.DOWNLOAD, i18n.get("audit.export"));
        export.setId("export-audit");
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            ExportFolder folder = ExportFolder.user();
            chooser.setInitialDirectory(folder.initial());
            chooser.setInitialFileName("audit-" + java.time.LocalDate.now() + ".csv");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
            File file = chooser.showSaveDialog(export.getScene().getWindow());
            if (file != null) {
                folder.remember(file);
                vm.export(file.toPath());
            }
        });
        Button refresh = Icons.iconOnly(Feather.REFRESH_CW, i18n.get("refresh"));
        refresh.setOnAction(e -> vm.reload());
        Tables.placeholder(table, vm.entries(), i18n.get("audit.none"), i18n);
        Tables.onOpen(table, this::details);
        from.setPrefWidth(150);
        to.setPrefWidth(150);
        // The filters wrap onto a second line in a narrow window rather than push the buttons out.
        javafx.scene.layout.FlowPane filters = new javafx.scene.layout.FlowPane(8, 8, actor, action, from, to);
        for (Node n : filters.getChildren()) {
            Forms.keepWidth(n);
        }
        from.setMinWidth(130);
        to.setMinWidth(130);
        javafx.scene.layout.HBox.setHgrow(filters, Priority.ALWAYS);
        filters.setPrefWrapLength(640);
        root = Forms.page(Forms.toolbar(filters, export, refresh), table,
                Forms.message(vm.messageProperty()), Forms.message(vm.entries().errorProperty()));
        VBox.setVgrow(table, Priority.ALWAYS);
    }

    private void details(Console.AuditEntry e) {
        org.mcx.desktop.common.RowDetails.show(root.getScene().getWindow(), i18n, i18n.get("audit.details", e.seq()),
                List.of(java.util.Map.entry(i18n.get("audit.col.at"), Tables.format(e.at())),
                        java.util.Map.entry(i18n.get("audit.col.actor"), Objects.toString(e.actor(), "")),
                        java.util.Map.entry(i18n.get("audit.col.action"), Objects.toString(e.action(), "")),
                        java.util.Map.entry(i18n.get("audit.col.target"), Objects.toString(e.target(), "")),
                        java.util.Map.entry(i18n.get("audit.col.outcome"), Objects.toString(e.outcome(), "")),
                        java.util.Map.entry(i18n.get("audit.col.detail"), e.detail() == null ? "" : e.detail().toPrettyString())));
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
        vm.messageProperty().set(null);
        vm.reload();
        table.requestFocus();
    }

    @Override
    public boolean focusSearch() {
        actor.requestFocus();
        return true;
    }
}
