package org.mcx.desktop.nodes;

import java.util.List;
import javafx.scene.control.Button;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.CommandPage;
import org.mcx.desktop.common.Dialogs;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.ListPage;
import org.mcx.desktop.common.SecretDialog;
import org.mcx.desktop.common.Tables;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.message.Console;

/** Nodes: the MC service servers and service access servers allowed to connect. */
public final class NodesView extends CommandPage<Console.Node> {

    public NodesView(NodesViewModel vm, ViewContext ctx) {
        I18n i18n = ctx.i18n();
        Button add = Icons.labelled(Feather.PLUS, i18n.get("nodes.new"));
        add.setId("new-node");
        Button delete = Icons.labelled(Feather.TRASH_2, i18n.get("nodes.delete"));
        delete.setId("delete-node");
        ListPage<Console.Node> page = new ListPage<>("nodes", i18n.get("nav.nodes"), Feather.CPU, vm.nodes(), i18n,
                n -> n.nodeId() + " " + i18n.get("nodes.kind." + n.kind().name()),
                List.of(Tables.column(i18n.get("nodes.col.id"), Console.Node::nodeId),
                        Tables.column(i18n.get("nodes.col.kind"), n -> i18n.get("nodes.kind." + n.kind().name())),
                        Tables.column(i18n.get("nodes.col.connected"), n -> n.connected() ? i18n.get("yes") : i18n.get("no")),
                        Tables.time(i18n.get("nodes.col.created"), Console.Node::createdAt)),
                List.of(add, delete));
        page.keepSelection(Console.Node::nodeId);
        delete.disableProperty().bind(page.table().getSelectionModel().selectedItemProperty().isNull());
        add.setOnAction(e -> NodeDialog.show(owner(), i18n).ifPresent(c -> vm.create(c.nodeId(), c.kind())
                .thenAccept(created -> ctx.tasks().later(() ->
                        SecretDialog.show(owner(), i18n, i18n.get("nodes.node"), created.nodeId(), created.secret())))));
        delete.setOnAction(e -> {
            Console.Node n = page.selected();
            if (Dialogs.confirm(owner(), i18n.get("nodes.deleteTitle"), i18n.get("nodes.deleteHeader", n.nodeId()),
                    i18n.get("nodes.deleteConfirm"), i18n.get("nodes.delete"))) {
                vm.delete(n.nodeId());
            }
        });
        createWith(add, i18n.get("nodes.newHint"));
        wrap(page, vm.commands());
    }
}
