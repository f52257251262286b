package org.mcx.desktop.partners;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.mcx.desktop.common.Forms;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Tables;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Exchange;

/**
 * What a request of a kind beyond server identities carries, and what the partner did per user, as
 * tables: a migration's users (id, name, groups, security level, highest priority), a removal's
 * ids, the groups asked for, a membership update's changes; each user's outcome with its reason,
 * and the groups a partner disclosed with their members. Tables rather than a grid of labels: a request may
 * carry thousands of users, and a table only draws the rows on screen.
 */
final class ContentTables {
    /** Rows shown before the table scrolls: the timeline under it stays in reach. */
    private static final int VISIBLE_ROWS = 8;
    private static final double ROW_HEIGHT = 28;
    /** A column header at the theme's font (about 40) plus a horizontal scroll bar (about 16), with a little slack. */
    private static final double HEADER_AND_SCROLL_BAR = 62;

    private ContentTables() {
    }

    /** The content's table, or nothing for server identities (their users are a line of the head). */
    static List<Node> content(Exchange.Request r, I18n i18n) {
        if (r.content() instanceof Acm.UserMigration m) {
            return List.of(Forms.section(i18n.get("requests.migratingUsers"), table("request-content", m.users(), List.of(
                    Tables.column(i18n.get("users.col.id"), Acm.MigratingUser::mcServiceId),
                    Tables.column(i18n.get("users.col.name"), Acm.MigratingUser::displayName),
                    Tables.column(i18n.get("requests.col.groups"), u -> String.join(", ", u.groups())),
                    Tables.column(i18n.get("users.col.securityLevel"), Acm.MigratingUser::securityLevel),
                    Tables.column(i18n.get("users.col.priority"), u -> u.maxPriority() == null ? ""
                            : i18n.get("priority." + u.maxPriority().name()))))));
        }
        if (r.content() instanceof Acm.UserRemoval removal) {
            return List.of(Forms.section(i18n.get("requests.removedUsers"), table("request-content", removal.users(),
                    List.<TableColumn<String, ?>>of(Tables.column(i18n.get("users.col.id"), id -> id)))));
        }
        if (r.content() instanceof Acm.GroupQuery q) {
            return List.of(Forms.section(i18n.get("requests.askedGroups"), q.groups().isEmpty()
                    ? wrapped(i18n.get("requests.everySharedGroup"))
                    : table("request-content", q.groups(), List.<TableColumn<String, ?>>of(
                            Tables.column(i18n.get("groups.col.id"), id -> id)))));
        }
        if (r.content() instanceof Acm.MembershipUpdate m) {
            List<String[]> changes = new ArrayList<>();
            m.add().forEach(id -> changes.add(new String[] {id, i18n.get("requests.change.add")}));
            m.remove().forEach(id -> changes.add(new String[] {id, i18n.get("requests.change.remove")}));
            return List.of(Forms.section(i18n.get("requests.membershipChanges", m.groupId()), table("request-content", changes, List.of(
                    Tables.column(i18n.get("users.col.id"), c -> c[0]),
                    Tables.column(i18n.get("requests.col.change"), c -> c[1])))));
        }
        return List.of();
    }

    /** The groups a partner disclosed: id, name, and each member with their level where the partner gives it. */
    private static List<Node> groups(Acm.GroupList list, I18n i18n) {
        if (list.groups().isEmpty()) {
            return List.of(Forms.section(i18n.get("requests.groupList"), wrapped(i18n.get("requests.noGroups"))));
        }
        return List.of(Forms.section(i18n.get("requests.groupList"), table("request-result", list.groups(), List.of(
                Tables.column(i18n.get("groups.col.id"), Acm.GroupInfo::groupId),
                Tables.column(i18n.get("groups.col.name"), Acm.GroupInfo::name),
                Tables.wide(Tables.column(i18n.get("requests.col.members"), g -> String.join(", ", g.members().stream()
                        .map(u -> u.securityLevel() == null ? u.mcServiceId() : u.mcServiceId() + " (" + u.securityLevel() + ")")
                        .toList())), 200)))));
    }

    private static javafx.scene.control.Label wrapped(String text) {
        javafx.scene.control.Label l = new javafx.scene.control.Label(text);
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    /** Each user's outcome once the answer is here; nothing before it, or for a kind without one. */
    static List<Node> result(Exchange.Request r, I18n i18n) {
        Acm.Result result = r.response() == null ? null : r.response().result();
        if (result instanceof Acm.GroupList list) {
            return groups(list, i18n);
        }
        List<Acm.UserOutcome> outcomes = result instanceof Acm.MigrationOutcomes m ? m.users()
                : result instanceof Acm.RemovalOutcomes o ? o.users()
                : result instanceof Acm.MembershipOutcomes mo ? mo.users() : null;
        if (outcomes == null) {
            return List.of();
        }
        List<Node> out = new ArrayList<>();
        out.add(Forms.section(i18n.get("requests.outcomes"), table("request-result", outcomes, List.of(
                Tables.column(i18n.get("users.col.id"), Acm.UserOutcome::mcServiceId),
                Tables.column(i18n.get("requests.col.outcome"), o -> outcome(o.outcome(), i18n)),
                Tables.wide(Tables.column(i18n.get("requests.col.reason"), Acm.UserOutcome::reason), 260)))));
        return out;
    }

    static String outcome(Acm.Outcome o, I18n i18n) {
        return o == null ? "" : i18n.get("outcome." + o.name().toLowerCase(Locale.ROOT));
    }

    private static <T> TableView<T> table(String id, List<T> rows, List<TableColumn<T, ?>> columns) {
        TableView<T> t = Tables.table("");
        t.setId(id);
        t.setItems(FXCollections.observableArrayList(rows));
        t.getColumns().setAll(columns);
        t.setFixedCellSize(ROW_HEIGHT);
        // The header, the rows it has (up to VISIBLE_ROWS) and room for the sideways scroll bar a narrow
        // pane needs, so a short list takes no more room than it needs and its last row is never cut.
        double height = HEADER_AND_SCROLL_BAR + ROW_HEIGHT * Math.min(Math.max(rows.size(), 1), VISIBLE_ROWS);
        t.setPrefHeight(height);
        t.setMinHeight(height);
        t.setMaxHeight(height);
        return t;
    }
}
