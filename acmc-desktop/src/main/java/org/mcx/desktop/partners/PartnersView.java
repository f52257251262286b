package org.mcx.desktop.partners;

import java.util.List;
import javafx.scene.control.Button;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.CommandPage;
import org.mcx.desktop.common.Dialogs;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.ListPage;
import org.mcx.desktop.common.Tables;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.message.Console;

/** Partner systems, their link state and approval policy. Double-click or Enter edits. */
public final class PartnersView extends CommandPage<Console.Partner> {

    public PartnersView(PartnersViewModel vm, ViewContext ctx) {
        I18n i18n = ctx.i18n();
        Button add = Icons.labelled(Feather.PLUS, i18n.get("partners.new"));
        add.setId("new-partner");
        Button edit = Icons.labelled(Feather.EDIT, i18n.get("partners.edit"));
        edit.setId("edit-partner");
        Button delete = Icons.labelled(Feather.TRASH_2, i18n.get("partners.delete"));
        delete.setId("delete-partner");
        ListPage<Console.Partner> page = new ListPage<>("partners", i18n.get("nav.partners"), Feather.GLOBE, vm.partners(), i18n,
                p -> p.systemId() + " " + p.name() + " " + p.endpoint(),
                List.of(Tables.column(i18n.get("partners.col.link"), p -> p.connected() ? i18n.get("partners.up") : i18n.get("partners.down")),
                        Tables.column(i18n.get("partners.col.name"), Console.Partner::name),
                        Tables.column(i18n.get("partners.col.id"), Console.Partner::systemId),
                        Tables.wide(Tables.column(i18n.get("partners.col.endpoint"), Console.Partner::endpoint), 300),
                        Tables.column(i18n.get("partners.col.policy"), p -> PartnersViewModel.policy(p, i18n))),
                List.of(add, edit, delete));
        page.keepSelection(Console.Partner::systemId);
        var none = page.table().getSelectionModel().selectedItemProperty().isNull();
        edit.disableProperty().bind(none);
        delete.disableProperty().bind(none);
        add.setOnAction(e -> PartnerDialog.show(owner(), i18n, null).ifPresent(vm::save));
        edit.setOnAction(e -> PartnerDialog.show(owner(), i18n, page.selected()).ifPresent(vm::save));
        page.onOpen(p -> PartnerDialog.show(owner(), i18n, p).ifPresent(vm::save));
        delete.setOnAction(e -> {
            Console.Partner p = page.selected();
            if (Dialogs.confirm(owner(), i18n.get("partners.deleteTitle"), i18n.get("partners.deleteHeader", p.name(), p.systemId()),
                    i18n.get("partners.deleteConfirm"), i18n.get("partners.delete"))) {
                vm.delete(p.systemId());
            }
        });
        createWith(add, i18n.get("partners.newHint"));
        wrap(page, vm.commands());
    }
}
