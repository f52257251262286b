package org.mcx.desktop.users;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;
import org.mcx.desktop.common.Forms;
import org.mcx.desktop.common.I18n;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ServiceType;

/** Creates or edits a user; the password is required for a new user and optional otherwise. */
final class UserDialog {
    private UserDialog() {
    }

    static Optional<Console.SaveUser> show(Window owner, I18n i18n, Console.User existing) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(i18n.get(existing == null ? "users.new" : "users.edit"));
        TextField id = new TextField(existing == null ? "" : existing.mcServiceId());
        id.setEditable(existing == null);
        TextField name = new TextField(existing == null ? "" : existing.displayName());
        PasswordField password = new PasswordField();
        CheckBox external = new CheckBox(i18n.get("users.external"));
        external.setSelected(existing == null || existing.externalAccessAllowed());
        CheckBox migrate = new CheckBox(i18n.get("users.mayMigrate"));
        migrate.setSelected(existing == null || existing.mayMigrate());
        Map<Role, CheckBox> roles = new EnumMap<>(Role.class);
        FlowPane roleBoxes = new FlowPane(8, 4);
        for (Role r : Role.values()) {
            CheckBox b = new CheckBox(r.name());
            b.setSelected(existing != null && existing.roles().contains(r));
            roles.put(r, b);
            roleBoxes.getChildren().add(b);
        }
        Map<ServiceType, CheckBox> services = new EnumMap<>(ServiceType.class);
        FlowPane serviceBoxes = new FlowPane(8, 4);
        for (ServiceType t : ServiceType.values()) {
            CheckBox b = new CheckBox(t.name());
            b.setSelected(existing != null && existing.allowedServices().contains(t));
            services.put(t, b);
            serviceBoxes.getChildren().add(b);
        }
        GridPane grid = Forms.grid();
        Forms.row(grid, 0, i18n.get("users.col.id"), id);
        Forms.row(grid, 1, i18n.get("users.col.name"), name);
        Forms.row(grid, 2, i18n.get(existing == null ? "users.password" : "users.newPassword"), password);
        grid.addRow(3, new javafx.scene.control.Label(i18n.get("users.col.roles")), roleBoxes);
        grid.addRow(4, new javafx.scene.control.Label(i18n.get("users.col.services")), serviceBoxes);
        grid.add(external, 1, 5);
        grid.add(migrate, 1, 6);
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        ValidationSupport v = new ValidationSupport();
        v.registerValidator(id, Validator.createRegexValidator(i18n.get("users.idRule"),
                "[\\p{L}\\p{N}._:@+\\-/=~]{1,128}", org.controlsfx.validation.Severity.ERROR));
        v.registerValidator(name, Validator.createEmptyValidator(i18n.get("users.nameRequired")));
        v.registerValidator(password, false, Validator.<String>createPredicateValidator(
                p -> (p == null || p.isEmpty()) ? existing != null : p.length() >= 8, i18n.get("users.passwordRule")));
        d.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(v.invalidProperty());
        return d.showAndWait().filter(b -> b == ButtonType.OK).map(b -> {
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
                    chosen, migrate.isSelected(), password.getText().isEmpty() ? null : password.getText());
        });
    }
}
