package org.mcx.desktop.users;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mcx.desktop.common.Commands;
import org.mcx.desktop.common.LiveList;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/** Users and their roles: list, save (create, change, unlock), delete. */
public final class UsersViewModel {
    private final LiveList<Console.User> users;
    private final Commands commands;

    public UsersViewModel(ViewContext ctx) {
        users = new LiveList<Console.User>(ctx.tasks(), ctx.errors(), "users",
                () -> ctx.session().<Console.Users>request(MessageType.USERS_LIST, new Common.Empty())
                        .thenApply(Console.Users::users))
                .follow(ctx.session(), "user.");
        commands = new Commands(ctx); // the list's own failures show under the list, not as a command's outcome
    }

    public CompletableFuture<Console.User> save(Console.SaveUser user) {
        return commands.<Console.User>send(MessageType.USERS_SAVE, user, "users.saved", user.mcServiceId())
                .whenComplete((u, f) -> users.reload());
    }

    public CompletableFuture<Common.Empty> delete(String mcServiceId) {
        return commands.<Common.Empty>send(MessageType.USERS_DELETE, new Console.DeleteUser(mcServiceId),
                "users.deleted", mcServiceId).whenComplete((u, f) -> users.reload());
    }

    public static String roles(Console.User u) {
        return String.join(", ", u.roles().stream().map(Enum::name).toList());
    }

    /** The roles in words; "none (MC service user only)" for a user without console roles. */
    public static String roles(Console.User u, org.mcx.desktop.common.I18n i18n) {
        return u.roles().isEmpty() ? i18n.get("users.noRole")
                : String.join(", ", u.roles().stream().map(r -> i18n.get("role." + r.name())).toList());
    }

    public static String services(Console.User u) {
        return String.join(", ", u.allowedServices().stream().map(Enum::name).toList());
    }

    public LiveList<Console.User> users() {
        return users;
    }

    public Commands commands() {
        return commands;
    }

    static List<String> searchable(Console.User u) {
        return List.of(u.mcServiceId(), u.displayName(), roles(u), u.homeSystemId() == null ? "" : u.homeSystemId(),
                u.securityLevel() == null ? "" : u.securityLevel());
    }
}
