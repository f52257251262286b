package org.mcx.desktop.partners;

import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.mcx.desktop.common.Dialogs;
import org.mcx.desktop.common.ErrorText;
import org.mcx.desktop.common.FormCheck;
import org.mcx.desktop.common.I18n;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Console;

/**
 * What the compose dialogs share: the partner to send to, the form in between, "urgent", and a
 * Send that keeps the dialog open until the backend has answered — on a refusal its words are shown
 * and the person can correct the request rather than type it again. Nothing waits on the FX thread.
 */
final class ComposeDialog {
    /** Sends the composed content; the future fails with the backend's refusal. */
    interface Sender {
        CompletableFuture<?> send(String partnerSystemId, Acm.Urgency urgency, Acm.Content content);
    }

    private final Dialog<ButtonType> dialog;
    private final I18n i18n;
    private final ComboBox<Console.Partner> partner;
    private final CheckBox urgent;
    private final Label refusal = new Label();
    private final SimpleBooleanProperty sending = new SimpleBooleanProperty();
    private final ButtonType send;

    ComposeDialog(Window owner, I18n i18n, String title, String header, String paneId, List<Console.Partner> partners) {
        this.i18n = i18n;
        dialog = Dialogs.create(owner, title, header);
        dialog.getDialogPane().setId(paneId);
        partner = PartnerChoice.box(i18n, "compose-partner", partners);
        urgent = new CheckBox(i18n.get("requests.urgent"));
        urgent.setId("compose-urgent");
        refusal.setId("compose-refusal");
        refusal.setWrapText(true);
        refusal.setMinHeight(Region.USE_PREF_SIZE);
        refusal.getStyleClass().add(Styles.DANGER);
        send = Dialogs.actions(dialog, i18n.get("requests.send"), "send-compose");
    }

    ComboBox<Console.Partner> partner() {
        return partner;
    }

    /** Lays out partner, {@code form}, urgency, what is still wrong and the last refusal; Send waits until {@code check} passes. */
    void form(Node form, FormCheck check) {
        check.rule(partner, partner.valueProperty(), () -> partner.getValue() == null ? i18n.get("requests.partnerRequired") : null);
        Label partnerLabel = new Label(i18n.get("requests.partner"));
        partnerLabel.setLabelFor(partner);
        VBox content = new VBox(8, partnerLabel, partner, form, urgent, check.messageLabel(), refusal);
        content.setPrefWidth(520);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().lookupButton(send).disableProperty().bind(check.invalidProperty().or(sending));
    }

    /**
     * Shows the dialog; Send builds the content (a mistake the form did not catch is shown, not sent),
     * sends it and closes the dialog once the backend has taken it. True when something was sent.
     */
    boolean showAndSend(Supplier<Acm.Content> content, Sender sender, ErrorText errors, Node firstFocus) {
        Button button = (Button) dialog.getDialogPane().lookupButton(send);
        button.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // the dialog stays open until the backend has answered
            Acm.Content c;
            try {
                c = content.get();
            } catch (ProtocolException invalid) {
                refusal.setText(errors.describe(invalid));
                return;
            }
            refusal.setText(null);
            sending.set(true);
            sender.send(partner.getValue().systemId(), urgent.isSelected() ? Acm.Urgency.URGENT : Acm.Urgency.NORMAL, c)
                    .whenComplete((ok, failure) -> {
                        sending.set(false);
                        if (failure == null) {
                            dialog.setResult(send);
                            dialog.close();
                        } else {
                            refusal.setText(errors.describe(failure));
                        }
                    });
        });
        dialog.setOnShown(e -> firstFocus.requestFocus());
        return dialog.showAndWait().filter(b -> b == send).isPresent();
    }
}
