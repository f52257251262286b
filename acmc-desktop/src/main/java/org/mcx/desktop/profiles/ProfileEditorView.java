package org.mcx.desktop.profiles;

import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.Forms;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.Tables;
import org.mcx.protocol.model.ServiceType;

/** The profile form: validated as it is typed, a diff before saving, the conflict panel when someone saved first. */
public final class ProfileEditorView {
    private final ProfileEditorViewModel vm;
    private final I18n i18n;
    private final VBox root = new VBox(10);
    private final VBox conflict = new VBox(8);
    private final ValidationSupport validation = new ValidationSupport();

    public ProfileEditorView(ProfileEditorViewModel vm, I18n i18n) {
        this.vm = vm;
        this.i18n = i18n;
        TextField application = new TextField();
        application.setId("profile-application");
        application.textProperty().bindBidirectional(vm.applicationIdProperty());
        application.editableProperty().bind(vm.baseProperty().isNull());
        ComboBox<ServiceType> type = new ComboBox<>();
        type.getItems().setAll(ServiceType.values());
        type.valueProperty().bindBidirectional(vm.serviceTypeProperty());
        ComboBox<String> iface = new ComboBox<>();
        iface.setEditable(true);
        iface.getItems().setAll("CSC-1", "CSC-2", "CSC-4", "CSC-8", "MCPTT-1", "MCVideo-1", "MCData-cap-1");
        iface.valueProperty().bindBidirectional(vm.serviceInterfaceProperty());
        TextField protocols = new TextField();
        protocols.setId("profile-protocols");
        protocols.textProperty().bindBidirectional(vm.protocolsProperty());
        TextField capabilities = new TextField();
        capabilities.setId("profile-capabilities");
        capabilities.textProperty().bindBidirectional(vm.capabilitiesProperty());
        TextArea messages = new TextArea();
        messages.setId("profile-messages");
        messages.setPrefRowCount(4);
        messages.textProperty().bindBidirectional(vm.messagesProperty());

        protocols.setPromptText(i18n.get("profiles.hint.protocols"));
        capabilities.setPromptText(i18n.get("profiles.hint.capabilities"));
        messages.setPromptText(i18n.get("profiles.hint.messages"));
        GridPane form = Forms.grid();
        Forms.row(form, 0, i18n.get("profiles.field.applicationId"), application);
        Forms.row(form, 1, i18n.get("profiles.field.serviceType"), type);
        Forms.row(form, 2, i18n.get("profiles.field.interface"), iface);
        Forms.row(form, 3, i18n.get("profiles.field.protocols"), protocols);
        Forms.row(form, 4, i18n.get("profiles.field.capabilities"), capabilities);
        Forms.row(form, 5, i18n.get("profiles.field.messages"), messages);

        // Every field is checked by the protocol's own rules; the decoration marks the field they name.
        Map<String, Control> byField = Map.of("applicationId", application, "interface", iface,
                "protocols", protocols, "capabilities", capabilities, "messages", messages);
        byField.forEach((field, control) -> validation.registerValidator(control, false, (Control c, Object v) -> {
            ProfileEditorViewModel.Result r = vm.build();
            return ValidationResult.fromMessageIf(c, r.problem(), Severity.ERROR, !r.valid() && field.equals(r.field()));
        }));

        Button save = Icons.labelled(Feather.SAVE, i18n.get("profiles.save"));
        save.setId("save-profile");
        save.getStyleClass().add(Styles.ACCENT);
        save.setVisible(vm.maySave());
        save.disableProperty().bind(validation.invalidProperty()
                .or(vm.baseProperty().isNull().and(vm.applicationIdProperty().isEmpty())));
        save.setOnAction(e -> reviewAndSave());
        Label status = Forms.message(vm.statusProperty());
        status.setId("profile-status");

        conflict.setId("conflict-panel");
        conflict.getStyleClass().add(Styles.BG_WARNING_SUBTLE);
        conflict.setPadding(new javafx.geometry.Insets(10));
        conflict.visibleProperty().bind(vm.theirsProperty().isNotNull());
        conflict.managedProperty().bind(conflict.visibleProperty());
        vm.theirsProperty().addListener((o, was, now) -> showConflict());

        root.getChildren().addAll(form, Forms.toolbar(save), status, conflict);
    }

    /** Ctrl+S and the Save button: shows what changes, saves on confirmation. */
    public boolean reviewAndSave() {
        if (!vm.maySave()) {
            return false;
        }
        ProfileEditorViewModel.Result r = vm.build();
        if (!r.valid()) {
            vm.statusProperty().set(i18n.get("profiles.invalid", r.field(), r.problem()));
            return true;
        }
        List<ProfileDiff.Change> changes = vm.diff();
        if (changes.isEmpty() && vm.baseProperty().get() != null) {
            vm.statusProperty().set(i18n.get("profiles.noChanges"));
            return true;
        }
        Alert review = new Alert(Alert.AlertType.CONFIRMATION);
        review.initOwner(root.getScene().getWindow());
        review.setTitle(i18n.get("profiles.review"));
        review.setHeaderText(i18n.get("profiles.reviewHeader"));
        review.getDialogPane().setContent(diffTable(changes));
        ButtonType confirm = new ButtonType(i18n.get("profiles.save"), ButtonBar.ButtonData.OK_DONE);
        review.getButtonTypes().setAll(confirm, ButtonType.CANCEL);
        review.getDialogPane().lookupButton(confirm).setId("confirm-save");
        review.showAndWait().filter(b -> b == confirm).ifPresent(b -> vm.save());
        return true;
    }

    private TableView<ProfileDiff.Change> diffTable(List<ProfileDiff.Change> changes) {
        TableView<ProfileDiff.Change> t = Tables.table("");
        t.setId("diff-table");
        t.getItems().setAll(changes);
        t.getColumns().setAll(List.of(Tables.column(i18n.get("profiles.diff.field"), ProfileDiff.Change::field),
                Tables.column(i18n.get("profiles.diff.before"), ProfileDiff.Change::before),
                Tables.column(i18n.get("profiles.diff.after"), ProfileDiff.Change::after)));
        t.setPrefHeight(180);
        t.setPrefWidth(560);
        return t;
    }

    private void showConflict() {
        var theirs = vm.theirsProperty().get();
        if (theirs == null) {
            conflict.getChildren().clear();
            return;
        }
        Label head = new Label(i18n.get("profiles.conflictHeader", theirs.updatedBy(), theirs.version()));
        head.setWrapText(true);
        head.getStyleClass().add(Styles.TEXT_BOLD);
        Button reapply = Icons.labelled(Feather.GIT_MERGE, i18n.get("profiles.reapply"));
        reapply.setId("reapply");
        reapply.setOnAction(e -> vm.reapplyOnTheirs());
        Button take = Icons.labelled(Feather.ROTATE_CCW, i18n.get("profiles.takeTheirs"));
        take.setId("take-theirs");
        take.setOnAction(e -> vm.takeTheirs());
        conflict.getChildren().setAll(head, diffTable(vm.theirChanges(vm.baseProperty().get())),
                Forms.toolbar(reapply, take));
    }

    public Node node() {
        return root;
    }

    public void revalidate() {
        validation.revalidate();
    }

}
