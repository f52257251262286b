package org.mcx.desktop.partners;

import java.util.List;
import javafx.scene.control.ComboBox;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Words;
import org.mcx.protocol.message.Console;

/** The partner a request goes to, as every compose dialog offers it: name, id and whether its link is up. */
final class PartnerChoice {
    private PartnerChoice() {
    }

    static ComboBox<Console.Partner> box(I18n i18n, String id, List<Console.Partner> partners) {
        ComboBox<Console.Partner> partner = new ComboBox<>();
        partner.setId(id);
        partner.getItems().setAll(partners);
        partner.setConverter(Words.converter(p -> i18n.get("requests.partnerChoice", p.name(), p.systemId(),
                p.connected() ? i18n.get("partners.up") : i18n.get("partners.down"))));
        if (!partners.isEmpty()) {
            partner.setValue(partners.get(0));
        }
        partner.setAccessibleText(i18n.get("requests.partner"));
        partner.setMaxWidth(Double.MAX_VALUE);
        return partner;
    }
}
