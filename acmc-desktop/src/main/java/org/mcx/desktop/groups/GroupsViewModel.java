package org.mcx.desktop.groups;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mcx.desktop.common.Commands;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.LiveList;
import org.mcx.desktop.common.Names;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/**
 * This system's groups (docs/acm.md): who is in each and which partners may be told of it. Every
 * role reads them; administrators save and delete. The list follows {@code group.saved} and
 * {@code group.deleted}, which a partner's membership update publishes too.
 */
public final class GroupsViewModel {
    /** The backend's group events; "group." does not match the exchange kind "groups.request.*". */
    static final String GROUP_EVENTS = "group.";

    private final ViewContext ctx;
    private final LiveList<Console.Group> groups;
    private final Commands commands;

    public GroupsViewModel(ViewContext ctx) {
        this.ctx = ctx;
        groups = new LiveList<Console.Group>(ctx.tasks(), ctx.errors(), "groups",
                () -> ctx.session().<Console.Groups>request(MessageType.GROUPS_LIST, new Common.Empty())
                        .thenApply(Console.Groups::groups))
                .follow(ctx.session(), GROUP_EVENTS);
        commands = new Commands(ctx);
    }

    public CompletableFuture<Console.Group> save(Console.Group group) {
        return commands.<Console.Group>send(MessageType.GROUPS_SAVE, group, "groups.saved", group.groupId())
                .whenComplete((g, f) -> groups.reload());
    }

    public CompletableFuture<Common.Empty> delete(String groupId) {
        return commands.<Common.Empty>send(MessageType.GROUPS_DELETE, new Console.DeleteGroup(groupId), "groups.deleted", groupId)
                .whenComplete((g, f) -> groups.reload());
    }

    /** Whether this user may add, change and delete groups (ADMIN); others see them read-only. */
    public boolean mayEdit() {
        return ctx.session().may(MessageType.GROUPS_SAVE);
    }

    /** What the group dialog offers: every user (members may be ours or migrated here) and every partner. */
    CompletableFuture<Choices> choices() {
        return ctx.session().<Console.Users>request(MessageType.USERS_LIST, new Common.Empty())
                .thenCombine(ctx.session().<Console.Partners>request(MessageType.PARTNERS_LIST, new Common.Empty()),
                        (u, p) -> new Choices(u.users(), p.partners()));
    }

    record Choices(List<Console.User> users, List<Console.Partner> partners) {
    }

    /** "all partners" for "*", else the partners by name; "none" when the group is not shared. */
    static String sharedWith(Console.Group g, I18n i18n, Names names) {
        if (g.sharedWith().contains("*")) {
            return i18n.get("groups.allPartners");
        }
        return g.sharedWith().isEmpty() ? i18n.get("groups.notShared")
                : String.join(", ", g.sharedWith().stream().map(names::partner).toList());
    }

    static String searchable(Console.Group g) {
        return g.groupId() + " " + g.name() + " " + String.join(" ", g.members()) + " " + String.join(" ", g.sharedWith());
    }

    public LiveList<Console.Group> groups() {
        return groups;
    }

    public Commands commands() {
        return commands;
    }

    ViewContext context() {
        return ctx;
    }
}
