package org.mcx.desktop.common;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/** Shows a secret that the server returns this once (application, node), with a copy button. */
public final class SecretDialog {
    /** The id of its pane, by which tests know it. */
    public static final String PANE_ID = "secret-dialog";
    private SecretDialog() {
    }

    public static void show(Window owner, I18n i18n, String what, String id, String secret) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.getDialogPane().setId(PANE_ID);
        alert.initOwner(owner);
        alert.setTitle(i18n.get("secret.title"));
        alert.setHeaderText(i18n.get("secret.header", what, id));
        TextField field = new TextField(secret);
        field.setEditable(false);
        field.setId("secret");
        field.setPrefColumnCount(44);
        Button copy = Icons.iconOnly(Feather.COPY, i18n.get("secret.copy"));
        copy.setId("copy-secret");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(secret);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        HBox row = new HBox(6, field, copy);
        HBox.setHgrow(field, Priority.ALWAYS);
        Label warn = new Label(i18n.get("secret.once"));
        warn.setWrapText(true);
        alert.getDialogPane().setContent(new VBox(10, warn, row));
        alert.getButtonTypes().setAll(ButtonType.OK);
        alert.show();
    }
}
