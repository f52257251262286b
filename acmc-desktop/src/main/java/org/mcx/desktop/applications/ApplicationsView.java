package org.mcx.desktop.applications;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.Dialogs;
import org.mcx.desktop.common.FormCheck;
import org.mcx.desktop.common.Forms;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.Page;
import org.mcx.desktop.common.SearchBox;
import org.mcx.desktop.common.SecretDialog;
import org.mcx.desktop.common.Tables;
import org.mcx.desktop.common.Tasks;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.message.Console;

/**
 * Applications and the authorization requests waiting for a decision: the selected request's whole
 * content under the table; Approve… and Deny… (or double-click, Enter) open the decision with a comment.
 */
public final class ApplicationsView implements Page {
    private final ApplicationsViewModel vm;
    private final I18n i18n;
    private final Tasks tasks;
    private final VBox root;
    private final CustomTextField search;
    private final TableView<PendingRow> pending = Tables.table("");

    public ApplicationsView(ApplicationsViewModel vm, ViewContext ctx) {
        this.vm = vm;
        this.i18n = ctx.i18n();
        this.tasks = ctx.tasks();
        search = SearchBox.create(i18n.get("applications.search"));
        search.textProperty().bindBidirectional(vm.filterProperty());

        pending.setId("pending-table");
        pending.setPlaceholder(new Label(i18n.get("applications.noPending")));
        pending.setItems(vm.pending());
        Tables.keepSelection(pending, r -> r.pending().authorizationId());
        pending.getColumns().setAll(List.of(
                Tables.column(i18n.get("applications.col.application"), r -> r.application().name()),
                Tables.column(i18n.get("applications.col.user"), r -> r.pending().mcServiceId()),
                Tables.wide(Tables.column(i18n.get("applications.col.services"), PendingRow::services), 240),
                Tables.column(i18n.get("applications.col.type"), r -> PendingRow.requestType(r, i18n)),
                Tables.time(i18n.get("applications.col.requested"), r -> r.pending().requestedAt())));
        Button approve = Icons.labelled(Feather.CHECK, i18n.get("applications.approveButton"));
        approve.setId("approve");
        approve.getStyleClass().add(Styles.SUCCESS);
        Button deny = Icons.labelled(Feather.X, i18n.get("applications.deny"));
        deny.setId("deny");
        deny.getStyleClass().add(Styles.DANGER);
        var selected = pending.getSelectionModel().selectedItemProperty();
        approve.disableProperty().bind(selected.isNull());
        deny.disableProperty().bind(selected.isNull());
        approve.setVisible(vm.mayDecide());
        approve.setManaged(vm.mayDecide());
        deny.setVisible(vm.mayDecide());
        deny.setManaged(vm.mayDecide());
        approve.setOnAction(e -> decide(selected.get(), Console.AuthorizationDecision.APPROVE));
        deny.setOnAction(e -> decide(selected.get(), Console.AuthorizationDecision.DENY));
        if (vm.mayDecide()) {
            Tables.onOpen(pending, r -> decide(r, Console.AuthorizationDecision.APPROVE));
        }
        Label detail = new Label();
        detail.setId("pending-detail");
        detail.setWrapText(true);
        detail.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // the whole request, on as many lines as it takes
        detail.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> describe(selected.get()), selected));

        TableView<Console.Application> apps = Tables.table(i18n.get("applications.none"));
        apps.setId("applications-table");
        apps.setItems(vm.applications().sorted());
        Tables.keepSelection(apps, Console.Application::applicationId);
        vm.applications().sorted().comparatorProperty().bind(apps.comparatorProperty());
        Tables.placeholder(apps, vm.applications(), i18n.get("applications.none"), i18n);
        apps.getColumns().setAll(List.of(
                Tables.column(i18n.get("applications.col.name"), Console.Application::name),
                Tables.column(i18n.get("applications.col.id"), Console.Application::applicationId),
                Tables.column(i18n.get("applications.col.trusted"), a -> a.trustedDomain() ? i18n.get("yes") : i18n.get("no")),
                Tables.column(i18n.get("applications.col.pending"), a -> a.pendingAuthorizations().size()),
                Tables.time(i18n.get("applications.col.created"), Console.Application::createdAt)));

        Button create = Icons.labelled(Feather.PLUS, i18n.get("applications.create"));
        create.setId("create-application");
        create.setVisible(vm.mayCreate());
        create.managedProperty().bind(create.visibleProperty());
        create.setOnAction(e -> createDialog());
        create.setTooltip(new javafx.scene.control.Tooltip(i18n.get("applications.createHint")));
        Button refresh = Icons.iconOnly(Feather.REFRESH_CW, i18n.get("refresh"));
        refresh.setOnAction(e -> vm.reload());

        VBox pendingBox = Forms.section(i18n.get("applications.pendingTitle"),
                new VBox(8, pending, detail, Forms.toolbar(approve, deny)));
        VBox.setVgrow(pending, Priority.ALWAYS);
        SplitPane split = new SplitPane(pendingBox, Forms.section(i18n.get("applications.title"), apps));
        split.setOrientation(Orientation.VERTICAL);
        VBox.setVgrow(split, Priority.ALWAYS);
        Label message = Forms.message(vm.messageProperty());
        message.setId("applications-message");
        root = Forms.page(Forms.toolbar(search, Forms.spacer(), create, refresh), split, message);
    }

    private String describe(PendingRow r) {
        if (r == null) {
            return vm.mayDecide() ? i18n.get("applications.selectToDecide") : "";
        }
        return i18n.get("applications.detail", r.application().name(), r.application().applicationId(),
                r.pending().mcServiceId(), PendingRow.requestType(r, i18n), r.services(), Tables.format(r.pending().requestedAt()));
    }

    private void decide(PendingRow row, Console.AuthorizationDecision decision) {
        if (row == null) {
            return;
        }
        DecisionDialog.show(root.getScene().getWindow(), i18n, row, decision)
                .ifPresent(comment -> vm.decide(row, decision, comment));
    }

    private void createDialog() {
        Dialog<ButtonType> d = Dialogs.create(root.getScene().getWindow(), i18n.get("applications.createTitle"),
                i18n.get("applications.createHeader"));
        TextField name = new TextField();
        name.setId("application-name");
        name.setPrefColumnCount(24);
        CheckBox trusted = new CheckBox(i18n.get("applications.trusted"));
        trusted.setId("application-trusted");
        GridPane grid = Forms.grid();
        Forms.row(grid, 0, i18n.get("applications.col.name"), name);
        grid.add(trusted, 1, 1);
        ButtonType create = Dialogs.actions(d, i18n.get("applications.createButton"), "create-application-ok");
        FormCheck check = new FormCheck().rule(name, name.textProperty(),
                () -> name.getText().isBlank() ? i18n.get("applications.nameRequired") : null);
        Dialogs.content(d, grid, check, create);
        d.setOnShown(e -> name.requestFocus());
        d.showAndWait().filter(b -> b == create).ifPresent(b -> vm.create(name.getText().trim(), trusted.isSelected())
                .thenAccept(created -> tasks.later(() -> SecretDialog.show(
                        root.getScene().getWindow(), i18n, i18n.get("applications.app"), created.applicationId(),
                        created.secret()))));
    }

    @Override
    public String id() {
        return "applications";
    }

    @Override
    public String title() {
        return i18n.get("nav.applications");
    }

    @Override
    public Ikon icon() {
        return Feather.BOX;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        vm.messageProperty().set(null);
        vm.reload();
        pending.requestFocus();
    }

    @Override
    public boolean create() {
        if (!vm.mayCreate()) {
            return false;
        }
        createDialog();
        return true;
    }

    @Override
    public boolean focusSearch() {
        search.requestFocus();
        return true;
    }
}
