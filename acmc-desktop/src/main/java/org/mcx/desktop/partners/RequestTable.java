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

/** A list of partner requests of every kind: kind (marked when urgent), partner, status, users, who asked and when. */
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
                kind(i18n),
                Tables.column(i18n.get(partnerColumn), r -> names.partner(r.partnerSystemId())),
                Tables.column(i18n.get("requests.col.status"), r -> RequestDetail.status(r.status(), i18n)),
                Tables.column(i18n.get("requests.col.users"), r -> r.users() == null ? "" : String.join(", ", r.users())),
                Tables.column(i18n.get("requests.col.by"), Exchange.Request::requestedBy),
                Tables.time(i18n.get("requests.col.created"), Exchange.Request::createdAt)));
        return t;
    }

    /**
     * The kind in words, with the urgency marker in front of an urgent one (an icon, the danger
     * colour, and "urgent" in the tooltip and the accessible text): a column of its own would take
     * width the narrow list has not got, for a mark most requests leave blank.
     */
    private static TableColumn<Exchange.Request, Exchange.Request> kind(I18n i18n) {
        TableColumn<Exchange.Request, Exchange.Request> c = Tables.wide(Tables.column(i18n.get("requests.col.kind"), r -> r), 190);
        c.setComparator(java.util.Comparator.comparing(RequestKinds::urgent).reversed()
                .thenComparing(r -> RequestKinds.name(r, i18n)));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Exchange.Request r, boolean empty) {
                super.updateItem(r, empty);
                boolean urgent = !empty && RequestKinds.urgent(r);
                String name = empty || r == null ? null : RequestKinds.name(r, i18n);
                setText(name);
                setGraphic(urgent ? Icons.icon(Feather.ALERT_TRIANGLE) : null);
                setTooltip(name == null ? null : new Tooltip(urgent ? i18n.get("requests.urgentHint") + " — " + name : name));
                setAccessibleText(urgent ? i18n.get("requests.urgentMark") + ", " + name : name);
                getStyleClass().remove("urgent-cell");
                if (urgent) {
                    getStyleClass().add("urgent-cell");
                }
            }
        });
        return c;
    }
}
