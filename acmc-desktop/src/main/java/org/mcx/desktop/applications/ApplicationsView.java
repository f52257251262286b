package org.mcx.desktop.applications;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.Forms;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.Page;
import org.mcx.desktop.common.SearchBox;
import org.mcx.desktop.common.SecretDialog;
import org.mcx.desktop.common.Tables;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.message.Console;

/** Applications and the authorization requests waiting for a decision. */
public final class ApplicationsView implements Page {
    private final ApplicationsViewModel vm;
    private final I18n i18n;
    private final VBox root;
    private final CustomTextField search;
    private final TableView<PendingRow> pending = Tables.table("");

    public ApplicationsView(ApplicationsViewModel vm, ViewContext ctx) {
        this.vm = vm;
        this.i18n = ctx.i18n();
        search = SearchBox.create(i18n.get("applications.search"));
        search.textProperty().bindBidirectional(vm.filterProperty());

        pending.setId("pending-table");
        pending.setPlaceholder(new javafx.scene.control.Label(i18n.get("applications.noPending")));
        pending.setItems(vm.pending());
        pending.getColumns().setAll(java.util.List.of(
                Tables.column(i18n.get("applications.col.application"), r -> r.application().name()),
                Tables.column(i18n.get("applications.col.user"), r -> r.pending().mcServiceId()),
                Tables.column(i18n.get("applications.col.services"), PendingRow::services),
                Tables.column(i18n.get("applications.col.type"), r -> String.valueOf(r.pending().requestType())),
                Tables.time(i18n.get("applications.col.requested"), r -> r.pending().requestedAt())));
        Button approve = Icons.labelled(Feather.CHECK, i18n.get("applications.approve"));
        approve.setId("approve");
        approve.getStyleClass().add(Styles.SUCCESS);
        Button deny = Icons.labelled(Feather.X, i18n.get("applications.deny"));
        deny.setId("deny");
        deny.getStyleClass().add(Styles.DANGER);
        var nothingSelected = pending.getSelectionModel().selectedItemProperty().isNull();
        approve.disableProperty().bind(nothingSelected);
        deny.disableProperty().bind(nothingSelected);
        approve.setVisible(vm.mayDecide());
        deny.setVisible(vm.mayDecide());
        approve.setOnAction(e -> vm.approve(pending.getSelectionModel().getSelectedItem()));
        deny.setOnAction(e -> askReasonAndDeny(pending.getSelectionModel().getSelectedItem()));

        TableView<Console.Application> apps = Tables.table(i18n.get("applications.none"));
        apps.setId("applications-table");
        apps.setItems(vm.applications().sorted());
        vm.applications().sorted().comparatorProperty().bind(apps.comparatorProperty());
        apps.getColumns().setAll(java.util.List.of(
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
        Button refresh = Icons.iconOnly(Feather.REFRESH_CW, i18n.get("refresh"));
        refresh.setOnAction(e -> vm.reload());

        VBox pendingBox = Forms.section(i18n.get("applications.pendingTitle"),
                new VBox(8, pending, Forms.toolbar(approve, deny)));
        VBox.setVgrow(pending, Priority.ALWAYS);
        SplitPane split = new SplitPane(pendingBox, Forms.section(i18n.get("applications.title"), apps));
        split.setOrientation(Orientation.VERTICAL);
        VBox.setVgrow(split, Priority.ALWAYS);
        root = Forms.page(Forms.toolbar(search, Forms.spacer(), create, refresh), split,
                Forms.message(vm.messageProperty()));
    }

    private void askReasonAndDeny(PendingRow row) {
        TextInputDialog ask = new TextInputDialog();
        ask.initOwner(root.getScene().getWindow());
        ask.setTitle(i18n.get("applications.deny"));
        ask.setHeaderText(i18n.get("applications.denyHeader", row.application().name(), row.pending().mcServiceId()));
        ask.setContentText(i18n.get("applications.reason"));
        ask.showAndWait().ifPresent(reason -> vm.deny(row, reason));
    }

    private void createDialog() {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(root.getScene().getWindow());
        d.setTitle(i18n.get("applications.create"));
        TextField name = new TextField();
        name.setId("application-name");
        CheckBox trusted = new CheckBox(i18n.get("applications.trusted"));
        GridPane grid = Forms.grid();
        Forms.row(grid, 0, i18n.get("applications.col.name"), name);
        grid.add(trusted, 1, 1);
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        ValidationSupport validation = new ValidationSupport();
        validation.registerValidator(name, Validator.createEmptyValidator(i18n.get("applications.nameRequired")));
        d.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(validation.invalidProperty());
        name.requestFocus();
        d.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> vm.create(name.getText().trim(), trusted.isSelected())
                .thenAccept(created -> javafx.application.Platform.runLater(() -> SecretDialog.show(
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
        vm.reload();
        pending.requestFocus();
    }

    @Override
    public boolean focusSearch() {
        search.requestFocus();
        return true;
    }
}
