package org.mcx.desktop.applications;

import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import org.mcx.desktop.common.Dialogs;
import org.mcx.desktop.common.Forms;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Tables;
import org.mcx.protocol.message.Console;

/**
 * Approve or deny one authorization request, seeing what is decided: the application, the user, every
 * service asked for, when; with a comment (kept in the audit log; a denial's reason goes to the
 * application when it asks again).
 */
final class DecisionDialog {
    /** The id of its pane, by which tests and the layout check know it. */
    public static final String PANE_ID = "decision-dialog";
    private DecisionDialog() {
    }

    /** The comment (possibly empty) when the person confirmed the decision; empty when they cancelled. */
    static Optional<String> show(Window owner, I18n i18n, PendingRow row, Console.AuthorizationDecision decision) {
        boolean approve = decision == Console.AuthorizationDecision.APPROVE;
        Console.Application app = row.application();
        Dialog<ButtonType> d = Dialogs.create(owner, i18n.get(approve ? "applications.approveTitle" : "applications.denyTitle"),
                i18n.get(approve ? "applications.approveHeader" : "applications.denyHeader", app.name(),
                        row.pending().mcServiceId()));
        d.getDialogPane().setId(PANE_ID);
        GridPane grid = Forms.grid();
        Forms.row(grid, 0, i18n.get("applications.col.application"), value(app.name() + " (" + app.applicationId() + ")"));
        Forms.row(grid, 1, i18n.get("applications.col.trusted"), value(app.trustedDomain() ? i18n.get("yes") : i18n.get("no")));
        Forms.row(grid, 2, i18n.get("applications.col.user"), value(row.pending().mcServiceId()));
        Forms.row(grid, 3, i18n.get("applications.col.type"), value(PendingRow.requestType(row, i18n)));
        Forms.row(grid, 4, i18n.get("applications.col.services"), value(row.servicesOnePerLine()));
        Forms.row(grid, 5, i18n.get("applications.col.requested"), value(Tables.format(row.pending().requestedAt())));
        TextArea comment = new TextArea();
        comment.setId("decision-comment");
        comment.setPrefRowCount(3);
        comment.setPrefColumnCount(36);
        comment.setWrapText(true);
        comment.setPromptText(i18n.get(approve ? "applications.commentPrompt" : "applications.reasonPrompt"));
        Forms.row(grid, 6, i18n.get(approve ? "applications.comment" : "applications.reason"), comment);
        Label effect = new Label(i18n.get(approve ? "applications.approveEffect" : "applications.denyEffect"));
        effect.setWrapText(true);
        effect.setMinHeight(Region.USE_PREF_SIZE);
        grid.add(effect, 0, 7, 2, 1);
        ButtonType go = Dialogs.actions(d, i18n.get(approve ? "applications.approve" : "applications.denyButton"),
                "confirm-decision");
        d.getDialogPane().setContent(grid);
        d.setOnShown(e -> comment.requestFocus());
        return d.showAndWait().filter(b -> b == go).map(b -> comment.getText().trim());
    }

    private static Label value(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
