package org.mcx.desktop.nodes;

import java.util.List;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.TextInputDialog;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.CommandPage;
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
        Button delete = Icons.labelled(Feather.TRASH_2, i18n.get("nodes.delete"));
        ListPage<Console.Node> page = new ListPage<>("nodes", i18n.get("nav.nodes"), Feather.CPU, vm.nodes(), i18n,
                n -> n.nodeId() + " " + n.kind(),
                List.of(Tables.column(i18n.get("nodes.col.id"), Console.Node::nodeId),
                        Tables.column(i18n.get("nodes.col.kind"), n -> n.kind().name()),
                        Tables.column(i18n.get("nodes.col.connected"), n -> n.connected() ? i18n.get("yes") : i18n.get("no")),
                        Tables.time(i18n.get("nodes.col.created"), Console.Node::createdAt)),
                List.of(add, delete));
        delete.disableProperty().bind(page.table().getSelectionModel().selectedItemProperty().isNull());
        add.setOnAction(e -> {
            TextInputDialog name = new TextInputDialog();
            name.initOwner(owner());
            name.setHeaderText(i18n.get("nodes.new"));
            name.setContentText(i18n.get("nodes.col.id"));
            name.showAndWait().filter(s -> !s.isBlank()).ifPresent(id -> {
                ChoiceDialog<Console.NodeKind> kind = new ChoiceDialog<>(Console.NodeKind.SERVICE, Console.NodeKind.values());
                kind.initOwner(owner());
                kind.setHeaderText(i18n.get("nodes.col.kind"));
                kind.showAndWait().ifPresent(k -> vm.create(id.trim(), k).thenAccept(created -> Platform.runLater(() ->
                        SecretDialog.show(owner(), i18n, i18n.get("nodes.node"), created.nodeId(), created.secret()))));
            });
        });
        delete.setOnAction(e -> {
            Console.Node n = page.selected();
            Alert sure = new Alert(Alert.AlertType.CONFIRMATION, i18n.get("nodes.deleteConfirm", n.nodeId()),
                    ButtonType.OK, ButtonType.CANCEL);
            sure.initOwner(owner());
            sure.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> vm.delete(n.nodeId()));
        });
        wrap(page, vm.commands().messageProperty());
    }
}
