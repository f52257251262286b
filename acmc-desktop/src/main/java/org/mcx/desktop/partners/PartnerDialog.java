package org.mcx.desktop.partners;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;
import org.mcx.desktop.common.Forms;
import org.mcx.desktop.common.I18n;
import org.mcx.protocol.message.Acms;
import org.mcx.protocol.message.Console;

/** Adds or edits a partner system and its approval policy; the shared secret is required only when adding. */
final class PartnerDialog {
    private PartnerDialog() {
    }

    static Optional<Console.SavePartner> show(Window owner, I18n i18n, Console.Partner existing) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(i18n.get(existing == null ? "partners.new" : "partners.edit"));
        TextField id = new TextField(existing == null ? "" : existing.systemId());
        id.setEditable(existing == null);
        TextField name = new TextField(existing == null ? "" : existing.name());
        TextField endpoint = new TextField(existing == null ? "wss://" : existing.endpoint());
        PasswordField secret = new PasswordField();
        CheckBox auto = new CheckBox(i18n.get("partners.autoApprove"));
        auto.setSelected(existing != null && existing.autoApprove() != null && existing.autoApprove().enabled());
        Spinner<Integer> max = new Spinner<>(1, 100_000, existing == null || existing.autoApprove() == null
                ? 100 : existing.autoApprove().maxUsers());
        max.setEditable(true);
        TextField disclose = new TextField(existing == null || existing.disclose() == null ? ""
                : String.join(", ", existing.disclose().stream().map(Enum::name).toList()));
        disclose.setPromptText(i18n.get("partners.disclosePrompt"));
        TextField fingerprint = new TextField(existing == null || existing.certificateFingerprint() == null ? ""
                : existing.certificateFingerprint());
        fingerprint.setPromptText(i18n.get("partners.fingerprintPrompt"));
        GridPane grid = Forms.grid();
        Forms.row(grid, 0, i18n.get("partners.col.id"), id);
        Forms.row(grid, 1, i18n.get("partners.col.name"), name);
        Forms.row(grid, 2, i18n.get("partners.col.endpoint"), endpoint);
        Forms.row(grid, 3, i18n.get("partners.secret"), secret);
        grid.add(auto, 1, 4);
        Forms.row(grid, 5, i18n.get("partners.maxUsers"), max);
        Forms.row(grid, 6, i18n.get("partners.disclose"), disclose);
        Forms.row(grid, 7, i18n.get("partners.fingerprint"), fingerprint);
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        ValidationSupport v = new ValidationSupport();
        v.registerValidator(id, Validator.createEmptyValidator(i18n.get("partners.idRequired")));
        v.registerValidator(name, Validator.createEmptyValidator(i18n.get("partners.nameRequired")));
        v.registerValidator(endpoint, Validator.createRegexValidator(i18n.get("partners.endpointRule"),
                "wss?://[^\\s/]+(:[0-9]{1,5})?/acms", Severity.ERROR));
        v.registerValidator(secret, false, Validator.<String>createPredicateValidator(
                s -> (s == null || s.isEmpty()) ? existing != null : s.length() >= 16, i18n.get("partners.secretRule")));
        v.registerValidator(disclose, false, Validator.<String>createPredicateValidator(
                s -> s == null || s.isBlank() || serverTypes(s) != null, i18n.get("partners.discloseRule")));
        v.registerValidator(fingerprint, false, Validator.createRegexValidator(i18n.get("partners.fingerprintRule"),
                "|[0-9A-Fa-f]{2}(:?[0-9A-Fa-f]{2}){31}", Severity.ERROR));
        d.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(v.invalidProperty());
        // Every field goes back, the untouched ones as they were: saving sets the whole partner.
        return d.showAndWait().filter(b -> b == ButtonType.OK).map(b -> new Console.SavePartner(id.getText().trim(),
                name.getText().trim(), endpoint.getText().trim(), secret.getText().isEmpty() ? null : secret.getText(),
                new Console.AutoApprove(auto.isSelected(), max.getValue()), serverTypes(disclose.getText()),
                fingerprint.getText().isBlank() ? null : fingerprint.getText().trim()));
    }

    /** "MCPTT, GMS" as server types; empty means all (null in the message); null if a name is unknown. */
    static List<Acms.ServerType> serverTypes(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        List<Acms.ServerType> types = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                types.add(Acms.ServerType.valueOf(part.trim().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                return null;
            }
        }
        return types;
    }
}
