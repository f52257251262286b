package org.mcx.desktop.users;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.mcx.desktop.common.Dialogs;
import org.mcx.desktop.common.FormCheck;
import org.mcx.desktop.common.Forms;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Words;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.Priority;
import org.mcx.protocol.model.ServiceType;

/**
 * Creates or edits a user; the password is required for a new user and optional otherwise. Every
 * field the server keeps goes back as it was unless changed (saving sets the whole user).
 */
final class UserDialog {
    /** The id of its pane, by which tests and the layout check know it. */
    public static final String PANE_ID = "user-dialog";
    private static final String ID_PATTERN = "[\\p{L}\\p{N}._:@+\\-/=~]{1,128}";

    private UserDialog() {
    }

    /**
     * {@code self}: the user being edited is the one logged in (a new password then ends this session
     * too). {@code homeSystem}: the partner system a migrated user came from, in words (null for ours):
     * such a user has no password and no console roles here (docs/acm.md), so those fields are off.
     */
    static Optional<Console.SaveUser> show(Window owner, I18n i18n, Console.User existing, boolean self, String homeSystem) {
        boolean creating = existing == null;
        Dialog<ButtonType> d = Dialogs.create(owner, i18n.get(creating ? "users.newTitle" : "users.editTitle"),
                creating ? i18n.get("users.newHeader") : i18n.get("users.editHeader", existing.displayName(), existing.mcServiceId()));
        d.getDialogPane().setId(PANE_ID);
        TextField id = new TextField(creating ? "" : existing.mcServiceId());
        id.setId("user-id");
        id.setEditable(creating);
        id.setPrefColumnCount(20);
        TextField name = new TextField(creating ? "" : existing.displayName());
        name.setId("user-name");
        PasswordField password = new PasswordField();
        password.setId("user-password");
        CheckBox external = new CheckBox(i18n.get("users.external"));
        external.setSelected(creating || existing.externalAccessAllowed());
        CheckBox migrate = new CheckBox(i18n.get("users.mayMigrate"));
        migrate.setSelected(creating || existing.mayMigrate());
        ComboBox<Priority> priority = new ComboBox<>();
        priority.setId("user-priority");
        priority.getItems().setAll(Priority.values());
        priority.setConverter(Words.converter(p -> i18n.get("priority." + p.name())));
        priority.setValue(creating || existing.maxPriority() == null ? Priority.NORMAL : existing.maxPriority());
        Map<Role, CheckBox> roles = new EnumMap<>(Role.class);
        FlowPane roleBoxes = new FlowPane(12, 6);
        for (Role r : Role.values()) {
            CheckBox b = new CheckBox(i18n.get("role." + r.name()));
            b.setSelected(!creating && existing.roles().contains(r));
            roles.put(r, b);
            roleBoxes.getChildren().add(b);
        }
        Map<ServiceType, CheckBox> services = new EnumMap<>(ServiceType.class);
        FlowPane serviceBoxes = new FlowPane(12, 6);
        for (ServiceType t : ServiceType.values()) {
            CheckBox b = new CheckBox(t.name());
            b.setSelected(!creating && existing.allowedServices().contains(t));
            services.put(t, b);
            serviceBoxes.getChildren().add(b);
        }
        roleBoxes.setPrefWrapLength(360);
        serviceBoxes.setPrefWrapLength(360);
        GridPane grid = Forms.grid();
        Forms.row(grid, 0, i18n.get("users.col.id"), id);
        Forms.row(grid, 1, i18n.get("users.col.name"), name);
        Forms.row(grid, 2, i18n.get(creating ? "users.password" : "users.newPassword"), password);
        Forms.row(grid, 3, i18n.get("users.col.roles"), roleBoxes);
        Forms.row(grid, 4, i18n.get("users.col.services"), serviceBoxes);
        grid.add(external, 1, 5);
        Forms.row(grid, 6, i18n.get("users.col.priority"), priority);
        grid.add(migrate, 1, 7);
        if (!creating && existing.securityLevel() != null) {
            Label level = new Label(existing.securityLevel());
            level.setId("user-security-level");
            Forms.row(grid, 9, i18n.get("users.securityLevel"), level);
        }
        if (homeSystem != null) {
            Label migrated = new Label(i18n.get("users.migratedNote", homeSystem));
            migrated.setWrapText(true);
            migrated.setPrefWidth(460);
            migrated.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            migrated.getStyleClass().add(atlantafx.base.theme.Styles.ACCENT);
            migrated.setId("user-migrated-note");
            grid.add(migrated, 0, 10, 2, 1);
            password.setDisable(true);
            roles.values().forEach(b -> b.setDisable(true));
            migrate.setDisable(true); // another system's user: not ours to send on
        }
        ButtonType save = Dialogs.actions(d, i18n.get(creating ? "users.create" : "users.save"), "save-user");
        FormCheck check = new FormCheck()
                .rule(id, id.textProperty(), () -> id.getText().trim().matches(ID_PATTERN) ? null : i18n.get("users.idRule"))
                .rule(name, name.textProperty(), () -> name.getText().isBlank() ? i18n.get("users.nameRequired") : null)
                .rule(password, password.textProperty(), () -> password.getText().isEmpty() ? (creating ? i18n.get("users.passwordRule") : null)
                        : password.getText().length() >= 8 ? null : i18n.get("users.passwordRule"));
        if (self) {
            javafx.scene.control.Label note = new javafx.scene.control.Label(i18n.get("users.selfNote"));
            note.setWrapText(true);
            note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            note.getStyleClass().add(atlantafx.base.theme.Styles.WARNING);
            note.setId("user-self-note");
            grid.add(note, 0, 8, 2, 1);
        }
        Dialogs.content(d, grid, check, save);
        d.setOnShown(e -> (creating ? id : name).requestFocus());
        return d.showAndWait().filter(b -> b == save).map(b -> {
            List<Role> chosenRoles = new ArrayList<>();
            roles.forEach((r, box) -> {
                if (box.isSelected()) {
                    chosenRoles.add(r);
                }
            });
            List<ServiceType> chosen = new ArrayList<>();
            services.forEach((t, box) -> {
                if (box.isSelected()) {
                    chosen.add(t);
                }
            });
            return new Console.SaveUser(id.getText().trim(), name.getText().trim(), chosenRoles, external.isSelected(),
                    chosen, migrate.isSelected(), password.getText().isEmpty() ? null : password.getText(),
                    priority.getValue());
        });
    }
}
