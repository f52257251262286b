package org.mcx.desktop.profiles;

import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.FormCheck;
import org.mcx.desktop.common.Forms;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.Names;
import org.mcx.desktop.common.Words;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ServiceType;

/**
 * The profile form: validated as it is typed, a diff before saving (Ctrl+S there saves), and the
 * conflict panel as soon as someone else saved a newer version of the profile being edited.
 */
public final class ProfileEditorView {
    private final ProfileEditorViewModel vm;
    private final I18n i18n;
    private final VBox root = new VBox(10);
    private final VBox conflict = new VBox(8);
    private final FormCheck check = new FormCheck();

    public ProfileEditorView(ProfileEditorViewModel vm, I18n i18n, Names names) {
        this.vm = vm;
        this.i18n = i18n;
        Label editing = new Label();
        editing.setId("profile-editing");
        editing.setWrapText(true);
        editing.getStyleClass().add(Styles.TEXT_MUTED);
        editing.textProperty().bind(Bindings.createStringBinding(() -> vm.baseProperty().get() == null
                ? i18n.get("profiles.editingNew") : i18n.get("profiles.editing", vm.baseProperty().get().applicationProfileId(),
                vm.baseProperty().get().version()), vm.baseProperty()));
        ComboBox<String> application = applicationChoice(names);
        ComboBox<ServiceType> type = new ComboBox<>();
        type.setId("profile-type");
        type.getItems().setAll(ServiceType.values());
        type.valueProperty().bindBidirectional(vm.serviceTypeProperty());
        ComboBox<String> iface = new ComboBox<>();
        iface.setId("profile-interface");
        iface.setEditable(true);
        iface.getItems().setAll("CSC-1", "CSC-2", "CSC-4", "CSC-8", "MCPTT-1", "MCVideo-1", "MCData-cap-1");
        iface.valueProperty().bindBidirectional(vm.serviceInterfaceProperty());
        iface.setPrefWidth(160);
        TextField protocols = new TextField();
        protocols.setId("profile-protocols");
        protocols.textProperty().bindBidirectional(vm.protocolsProperty());
        TextField capabilities = new TextField();
        capabilities.setId("profile-capabilities");
        capabilities.textProperty().bindBidirectional(vm.capabilitiesProperty());
        TextArea messages = new TextArea();
        messages.setId("profile-messages");
        messages.setPrefRowCount(4);
        messages.setPrefColumnCount(16);
        messages.textProperty().bindBidirectional(vm.messagesProperty());
        protocols.setPromptText(i18n.get("profiles.hint.protocols"));
        capabilities.setPromptText(i18n.get("profiles.hint.capabilities"));
        messages.setPromptText(i18n.get("profiles.hint.messages"));
        GridPane form = Forms.grid();
        Forms.row(form, 0, i18n.get("profiles.field.application"), application);
        Forms.row(form, 1, i18n.get("profiles.field.serviceType"), type);
        Forms.row(form, 2, i18n.get("profiles.field.interface"), iface);
        Forms.row(form, 3, i18n.get("profiles.field.protocols"), protocols);
        Forms.row(form, 4, i18n.get("profiles.field.capabilities"), capabilities);
        Forms.row(form, 5, i18n.get("profiles.field.messages"), messages);
        for (Control c : List.of(protocols, capabilities)) {
            c.setMinWidth(120);
        }
        application.setMinWidth(160); // wide enough for a name; the editor stays usable beside the table at 1024
        iface.setMinWidth(130);

        // Every field is checked by the protocol's own rules; the one they name is marked.
        Map<String, Control> byField = Map.of("applicationId", application, "interface", iface,
                "protocols", protocols, "capabilities", capabilities, "messages", messages);
        Map<String, javafx.beans.value.ObservableValue<?>> values = Map.of("applicationId", vm.applicationIdProperty(),
                "interface", vm.serviceInterfaceProperty(), "protocols", vm.protocolsProperty(),
                "capabilities", vm.capabilitiesProperty(), "messages", vm.messagesProperty());
        byField.forEach((field, control) -> check.rule(control, values.get(field), () -> {
            if (field.equals("applicationId") && vm.baseProperty().get() == null
                    && (vm.applicationIdProperty().get() == null || vm.applicationIdProperty().get().isBlank())) {
                return i18n.get("profiles.chooseApplicationFirst");
            }
            ProfileEditorViewModel.Result r = vm.build();
            return !r.valid() && field.equals(r.field()) ? i18n.get("profiles.invalid", i18n.get("profiles.field." + field), r.problem()) : null;
        }));

        vm.baseProperty().addListener(o -> check.check());

        Button save = Icons.labelled(Feather.SAVE, i18n.get("profiles.save"));
        save.setId("save-profile");
        save.getStyleClass().add(Styles.ACCENT);
        save.setVisible(vm.maySave());
        save.setManaged(vm.maySave());
        save.disableProperty().bind(check.invalidProperty().or(vm.theirsProperty().isNotNull())
                .or(vm.baseProperty().isNull().and(vm.applicationIdProperty().isEmpty())));
        save.setOnAction(e -> reviewAndSave());
        Label status = Forms.message(vm.statusProperty());
        status.setId("profile-status");

        conflict.setId("conflict-panel");
        conflict.getStyleClass().add(Styles.BG_WARNING_SUBTLE);
        conflict.setPadding(new javafx.geometry.Insets(10));
        conflict.setMinWidth(0);
        conflict.visibleProperty().bind(vm.theirsProperty().isNotNull());
        conflict.managedProperty().bind(conflict.visibleProperty());
        vm.theirsProperty().addListener((o, was, now) -> showConflict());

        Label problem = check.messageLabel();
        problem.getStyleClass().setAll("label", Styles.DANGER);
        root.getChildren().addAll(editing, form, problem, Forms.toolbar(save), status, conflict);
        setReadOnly(!vm.maySave(), application, type, iface, protocols, capabilities, messages);
    }

    /** The application, chosen by name for a new profile; shown by name (fixed) for an existing one. */
    private ComboBox<String> applicationChoice(Names names) {
        ComboBox<String> box = new ComboBox<>();
        box.setId("profile-application");
        Runnable fill = () -> {
            List<String> ids = names.applications().stream().map(Console.Application::applicationId).toList();
            if (!box.getItems().equals(ids)) {
                box.getItems().setAll(ids);
            }
            // A new converter makes the box draw its value again, now by name.
            box.setConverter(Words.converter(id -> id.isBlank() ? i18n.get("profiles.chooseApplication") : names.application(id)));
        };
        fill.run();
        names.revisionProperty().addListener((o, was, now) -> fill.run());
        box.valueProperty().bindBidirectional(vm.applicationIdProperty());
        box.disableProperty().bind(vm.baseProperty().isNotNull()); // a profile cannot move to another application
        box.setPrefWidth(220);
        return box;
    }

    private static void setReadOnly(boolean readOnly, Control... controls) {
        if (!readOnly) {
            return;
        }
        for (Control c : controls) {
            if (c instanceof javafx.scene.control.TextInputControl t) {
                t.setEditable(false);
            } else {
                c.disableProperty().unbind();
                c.setDisable(true);
            }
        }
    }

    /** Ctrl+S and the Save button: shows what changes, saves on confirmation (Ctrl+S in the dialog too). */
    public boolean reviewAndSave() {
        if (!vm.maySave()) {
            return false;
        }
        if (vm.theirsProperty().get() != null) {
            vm.statusProperty().set(i18n.get("profiles.resolveFirst", vm.theirsProperty().get().version()));
            return true;
        }
        ProfileEditorViewModel.Result r = vm.build();
        if (!r.valid()) {
            vm.statusProperty().set(i18n.get("profiles.invalid", i18n.get("profiles.field." + r.field()), r.problem()));
            return true;
        }
        List<ProfileDiff.Change> changes = vm.diff();
        if (changes.isEmpty() && vm.baseProperty().get() != null) {
            vm.statusProperty().set(i18n.get("profiles.noChanges"));
            return true;
        }
        ProfileReview.confirm(root.getScene().getWindow(), i18n, vm.baseProperty().get(), changes).ifPresent(ok -> vm.save());
        return true;
    }

    private void showConflict() {
        var theirs = vm.theirsProperty().get();
        if (theirs == null) {
            conflict.getChildren().clear();
            return;
        }
        Label head = new Label(i18n.get("profiles.conflictHeader", theirs.updatedBy(), theirs.version()));
        head.setWrapText(true);
        head.setMinHeight(Region.USE_PREF_SIZE);
        head.getStyleClass().add(Styles.TEXT_BOLD);
        Button reapply = Icons.labelled(Feather.GIT_MERGE, i18n.get("profiles.reapply"));
        reapply.setId("reapply");
        reapply.setOnAction(e -> vm.reapplyOnTheirs());
        Button take = Icons.labelled(Feather.ROTATE_CCW, i18n.get("profiles.takeTheirs"));
        take.setId("take-theirs");
        take.setOnAction(e -> vm.takeTheirs());
        FlowPane actions = new FlowPane(8, 8, reapply, take);
        reapply.setMinWidth(Region.USE_PREF_SIZE);
        take.setMinWidth(Region.USE_PREF_SIZE);
        conflict.getChildren().setAll(head, ProfileReview.table(i18n, vm.theirChanges(vm.baseProperty().get())), actions);
    }

    public Node node() {
        return root;
    }

    public void revalidate() {
        check.check();
    }
}
