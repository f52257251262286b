package org.mcx.desktop.partners;

import java.util.List;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.LiveList;
import org.mcx.desktop.common.Names;
import org.mcx.desktop.common.Tables;
import org.mcx.protocol.message.Exchange;

/** A list of partner requests of every kind: urgency mark, kind, partner, status, users, who asked and when. */
final class RequestTable {
    private RequestTable() {
    }

    static TableView<Exchange.Request> of(LiveList<Exchange.Request> list, String id, String partnerColumn, I18n i18n, Names names) {
        TableView<Exchange.Request> t = Tables.table(i18n.get("requests.none"));
        t.setId(id);
        t.setItems(list.sorted());
        Tables.keepSelection(t, Exchange.Request::requestId);
        // No column sorted: the list's own order (urgent first, then oldest first) stands.
        list.sorted().comparatorProperty().bind(t.comparatorProperty());
        t.getColumns().setAll(List.of(
                urgency(i18n),
                Tables.column(i18n.get("requests.col.kind"), r -> RequestKinds.name(r, i18n)),
                Tables.column(i18n.get(partnerColumn), r -> names.partner(r.partnerSystemId())),
                Tables.column(i18n.get("requests.col.status"), r -> RequestDetail.status(r.status(), i18n)),
                Tables.column(i18n.get("requests.col.users"), r -> r.users() == null ? "" : String.join(", ", r.users())),
                Tables.column(i18n.get("requests.col.by"), Exchange.Request::requestedBy),
                Tables.time(i18n.get("requests.col.created"), Exchange.Request::createdAt)));
        return t;
    }

    /** A narrow column that marks urgent requests with an icon and the word; normal ones stay blank. */
    private static TableColumn<Exchange.Request, Boolean> urgency(I18n i18n) {
        TableColumn<Exchange.Request, Boolean> c = Tables.column(i18n.get("requests.col.urgency"), RequestKinds::urgent);
        c.setPrefWidth(c.getMinWidth());
        c.setComparator((a, b) -> Boolean.compare(b, a)); // ascending puts urgent first
        String word = i18n.get("requests.urgentMark");
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Boolean urgent, boolean empty) {
                super.updateItem(urgent, empty);
                boolean show = !empty && Boolean.TRUE.equals(urgent);
                setText(show ? word : null);
                setGraphic(show ? Icons.icon(Feather.ALERT_TRIANGLE) : null);
                setTooltip(show ? new Tooltip(i18n.get("requests.urgentHint")) : null);
                getStyleClass().remove("urgent-cell");
                if (show) {
                    getStyleClass().add("urgent-cell");
                }
            }
        });
        return c;
    }
}
