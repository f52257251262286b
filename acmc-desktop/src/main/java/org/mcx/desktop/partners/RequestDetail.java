package org.mcx.desktop.partners;

import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Names;
import org.mcx.desktop.common.Tables;
import org.mcx.protocol.message.Acms;
import org.mcx.protocol.message.Exchange;

/**
 * What a request asks and what was answered: its kind and urgency, the content of a kind beyond
 * server identities and each user's outcome as tables, the disclosed server identities as a table per user.
 */
final class RequestDetail {
    private RequestDetail() {
    }

    static List<Node> of(Exchange.Request r, I18n i18n, Names names) {
        if (r == null) {
            return List.of(wrapped(i18n.get("requests.selectOne")));
        }
        boolean outgoing = r.direction() == Exchange.Direction.OUTGOING;
        List<Node> out = new ArrayList<>();
        Label head = wrapped(i18n.get(outgoing ? "requests.detailOutgoing" : "requests.detailIncoming",
                names.partner(r.partnerSystemId()), r.requestedBy(), Tables.format(r.createdAt()), status(r.status(), i18n)));
        head.setId("request-head");
        out.add(head);
        Label kind = wrapped(i18n.get(RequestKinds.urgent(r) ? "requests.kindUrgent" : "requests.kindLine",
                RequestKinds.name(r, i18n)));
        kind.setId("request-kind");
        if (RequestKinds.urgent(r)) {
            kind.getStyleClass().add("urgent-line");
            kind.setGraphic(org.mcx.desktop.common.Icons.icon(org.kordamp.ikonli.feather.Feather.ALERT_TRIANGLE));
        }
        out.add(kind);
        List<Node> content = ContentTables.content(r, i18n);
        if (content.isEmpty()) { // server identities: the users are all there is to say
            out.add(wrapped(i18n.get("requests.usersList", String.join(", ", r.users() == null ? List.of() : r.users()))));
        }
        out.addAll(content);
        if (r.reason() != null) {
            out.add(wrapped(i18n.get("requests.reason", r.reason())));
        }
        if (r.delivery() != null && r.delivery().attempts() > 0) { // still sending, and it has failed before
            out.add(wrapped(i18n.get("requests.delivery", r.delivery().attempts(),
                    r.delivery().lastError() == null ? "—" : r.delivery().lastError())));
        }
        Exchange.Response answer = r.response();
        Label said = wrapped(answer == null ? i18n.get("requests.noAnswer") : i18n.get(outgoing ? "requests.answer" : "requests.answerSent",
                i18n.get("decision." + answer.decision().name().toLowerCase(java.util.Locale.ROOT)),
                "policy".equals(answer.decidedBy()) ? i18n.get("timeline.actor.policy") : answer.decidedBy(),
                answer.comment() == null || answer.comment().isBlank() ? i18n.get("requests.noComment") : "“" + answer.comment() + "”",
                Tables.format(answer.receivedAt())));
        said.setId("request-answer");
        out.add(said);
        out.addAll(ContentTables.result(r, i18n));
        if (answer != null && answer.serverIdentities() != null) {
            for (Acms.UserServers u : answer.serverIdentities()) {
                out.add(userTable(u, i18n));
            }
        }
        return out;
    }

    /** One user's servers: a heading and a two-column table of server type and identity. */
    private static Node userTable(Acms.UserServers u, I18n i18n) {
        Label title = new Label(u.mcServiceId());
        title.getStyleClass().add(Styles.TEXT_BOLD);
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(2);
        grid.getStyleClass().add("identity-table");
        grid.setId("identities-" + u.mcServiceId());
        Label typeHead = new Label(i18n.get("identities.col.type"));
        Label idHead = new Label(i18n.get("identities.col.identity"));
        typeHead.getStyleClass().add(Styles.TEXT_MUTED);
        typeHead.setMinWidth(Region.USE_PREF_SIZE);
        idHead.getStyleClass().add(Styles.TEXT_MUTED);
        grid.addRow(0, typeHead, idHead);
        int row = 1;
        for (Acms.ServerIdentity s : u.servers()) {
            Label type = new Label(s.serverType().name());
            type.setMinWidth(Region.USE_PREF_SIZE);
            Label identity = new Label(s.identity());
            identity.setWrapText(true);
            identity.setMinHeight(Region.USE_PREF_SIZE);
            grid.addRow(row++, type, identity);
        }
        if (u.servers().isEmpty()) {
            grid.add(new Label(i18n.get("requests.noServers")), 0, 1, 2, 1);
        }
        VBox box = new VBox(4, title, grid);
        box.getStyleClass().add("user-identities");
        return box;
    }

    static String status(Exchange.Status s, I18n i18n) {
        return s == null ? "" : i18n.get("status." + s.name());
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
