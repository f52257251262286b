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
import org.mcx.desktop.common.Dialogs;
import org.mcx.desktop.common.FormCheck;
import org.mcx.desktop.common.Forms;
import org.mcx.desktop.common.I18n;
import org.mcx.protocol.message.Acms;
import org.mcx.protocol.message.Console;

/** Adds or edits a partner system and its approval policy; the shared secret is required only when adding. */
final class PartnerDialog {
    private static final String ONE_ENDPOINT = "wss?://[^\\s/,]+(:[0-9]{1,5})?/acms";
    /** One URL per node of the partner system, separated by commas: its link moves to the next when one is down. */
    private static final String ENDPOINT = ONE_ENDPOINT + "(\\s*,\\s*" + ONE_ENDPOINT + ")*";
    private static final String FINGERPRINT = "|[0-9A-Fa-f]{2}(:?[0-9A-Fa-f]{2}){31}";

    /** Whether {@code text} is a partner's endpoint: its nodes' /acms URLs, separated by commas. */
    static boolean isEndpoint(String text) {
        return text.trim().matches(ENDPOINT);
    }

    private PartnerDialog() {
    }

    static Optional<Console.SavePartner> show(Window owner, I18n i18n, Console.Partner existing) {
        boolean adding = existing == null;
        Dialog<ButtonType> d = Dialogs.create(owner, i18n.get(adding ? "partners.newTitle" : "partners.editTitle"),
                adding ? i18n.get("partners.newHeader") : i18n.get("partners.editHeader", existing.name(), existing.systemId()));
        TextField id = new TextField(adding ? "" : existing.systemId());
        id.setId("partner-id");
        id.setEditable(adding);
        TextField name = new TextField(adding ? "" : existing.name());
        name.setId("partner-name");
        TextField endpoint = new TextField(adding ? "wss://" : existing.endpoint());
        endpoint.setId("partner-endpoint");
        endpoint.setPrefColumnCount(30);
        PasswordField secret = new PasswordField();
        secret.setId("partner-secret");
        CheckBox auto = new CheckBox(i18n.get("partners.autoApprove"));
        auto.setSelected(!adding && existing.autoApprove() != null && existing.autoApprove().enabled());
        Spinner<Integer> max = new Spinner<>(1, 100_000, adding || existing.autoApprove() == null
                ? 100 : existing.autoApprove().maxUsers());
        max.setEditable(true);
        max.setId("partner-max-users");
        TextField disclose = new TextField(adding || existing.disclose() == null ? ""
                : String.join(", ", existing.disclose().stream().map(Enum::name).toList()));
        disclose.setPromptText(i18n.get("partners.disclosePrompt"));
        TextField fingerprint = new TextField(adding || existing.certificateFingerprint() == null ? ""
                : existing.certificateFingerprint());
        fingerprint.setPromptText(i18n.get("partners.fingerprintPrompt"));
        GridPane grid = Forms.grid();
        Forms.row(grid, 0, i18n.get("partners.col.id"), id);
        Forms.row(grid, 1, i18n.get("partners.col.name"), name);
        Forms.row(grid, 2, i18n.get("partners.col.endpoint"), endpoint);
        Forms.row(grid, 3, i18n.get(adding ? "partners.secret" : "partners.newSecret"), secret);
        grid.add(auto, 1, 4);
        Forms.row(grid, 5, i18n.get("partners.maxUsers"), max);
        Forms.row(grid, 6, i18n.get("partners.disclose"), disclose);
        Forms.row(grid, 7, i18n.get("partners.fingerprint"), fingerprint);
        ButtonType save = Dialogs.actions(d, i18n.get(adding ? "partners.add" : "partners.save"), "save-partner");
        FormCheck check = new FormCheck()
                .rule(id, id.textProperty(), () -> id.getText().isBlank() ? i18n.get("partners.idRequired") : null)
                .rule(name, name.textProperty(), () -> name.getText().isBlank() ? i18n.get("partners.nameRequired") : null)
                .rule(endpoint, endpoint.textProperty(), () -> isEndpoint(endpoint.getText()) ? null
                        : i18n.get("partners.endpointRule"))
                .rule(secret, secret.textProperty(), () -> secret.getText().isEmpty() ? (adding ? i18n.get("partners.secretRule") : null)
                        : secret.getText().length() >= 16 ? null : i18n.get("partners.secretRule"))
                .rule(disclose, disclose.textProperty(), () -> disclose.getText().isBlank() || serverTypes(disclose.getText()) != null
                        ? null : i18n.get("partners.discloseRule"))
                .rule(fingerprint, fingerprint.textProperty(), () -> fingerprint.getText().trim().matches(FINGERPRINT)
                        ? null : i18n.get("partners.fingerprintRule"));
        Dialogs.content(d, grid, check, save);
        d.setOnShown(e -> (adding ? id : name).requestFocus());
        // Every field goes back, the untouched ones as they were: saving sets the whole partner.
        return d.showAndWait().filter(b -> b == save).map(b -> new Console.SavePartner(id.getText().trim(),
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
