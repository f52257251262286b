package org.mcx.desktop.partners;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.mcx.desktop.common.ErrorText;
import org.mcx.desktop.common.FormCheck;
import org.mcx.desktop.common.I18n;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Console;

/**
 * "Ask a partner for its groups" ({@code groups.request}): a partner, the group ids wanted (none:
 * every group it shares with this system) and the urgency. The answer lists each group with its
 * members, and their security levels where the partner discloses them.
 */
final class AskGroupsDialog {
    /** The id of its pane, by which tests and the layout check know it. */
    public static final String PANE_ID = "ask-groups-dialog";

    private AskGroupsDialog() {
    }

    static boolean show(Window owner, I18n i18n, ErrorText errors, List<Console.Partner> partners, ComposeDialog.Sender sender) {
        ComposeDialog d = new ComposeDialog(owner, i18n, i18n.get("requests.askGroupsTitle"), i18n.get("requests.askGroupsHeader"),
                PANE_ID, partners);
        TextField ids = new TextField();
        ids.setId("ask-group-ids");
        ids.setPromptText(i18n.get("requests.askGroupsPrompt"));
        Label idsLabel = new Label(i18n.get("requests.askGroupsIds"));
        idsLabel.setLabelFor(ids);
        idsLabel.setWrapText(true);
        FormCheck check = new FormCheck().rule(ids, ids.textProperty(), () -> {
            try {
                GroupDraft.query(ids.getText());
                return null;
            } catch (ProtocolException e) {
                return errors.describe(e);
            }
        });
        d.form(new VBox(8, idsLabel, ids), check);
        return d.showAndSend(() -> GroupDraft.query(ids.getText()), sender, errors, d.partner());
    }
}
