package org.mcx.desktop.partners;

import java.util.concurrent.CompletableFuture;
import org.mcx.desktop.common.Commands;
import org.mcx.desktop.common.LiveList;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/** Partner systems and their policies (automatic approval up to a number of users), with link state. */
public final class PartnersViewModel {
    private final LiveList<Console.Partner> partners;
    private final Commands commands;

    public PartnersViewModel(ViewContext ctx) {
        partners = new LiveList<Console.Partner>(ctx.tasks(), ctx.errors(), "partners",
                () -> ctx.session().<Console.Partners>request(MessageType.PARTNERS_LIST, new Common.Empty())
                        .thenApply(Console.Partners::partners))
                .follow(ctx.session(), "partner.");
        commands = new Commands(ctx);
    }

    public CompletableFuture<Console.Partner> save(Console.SavePartner partner) {
        return commands.<Console.Partner>send(MessageType.PARTNERS_SAVE, partner, "partners.saved", partner.systemId())
                .whenComplete((p, f) -> partners.reload());
    }

    public CompletableFuture<Common.Empty> delete(String systemId) {
        return commands.<Common.Empty>send(MessageType.PARTNERS_DELETE, new Console.DeletePartner(systemId),
                "partners.deleted", systemId).whenComplete((p, f) -> partners.reload());
    }

    public static String policy(Console.Partner p, org.mcx.desktop.common.I18n i18n) {
        return p.autoApprove() != null && Boolean.TRUE.equals(p.autoApprove().enabled())
                ? i18n.get("partners.auto", p.autoApprove().maxUsers()) : i18n.get("partners.manual");
    }

    public LiveList<Console.Partner> partners() {
        return partners;
    }

    public Commands commands() {
        return commands;
    }
}
