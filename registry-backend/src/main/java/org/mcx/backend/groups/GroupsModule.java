package org.mcx.backend.groups;

import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.store.Sql;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.Handlers;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/**
 * This system's groups (issue 14, docs/acm.md): kept by its ADMINs, disclosed to the partners each
 * group is shared with ({@code groups.request}), and joined by users migrating from those partners
 * ({@code userMigration.add}, {@code groupMembership.update}).
 */
public final class GroupsModule {
    private final SystemContext ctx;

    public GroupsModule(SystemContext ctx) {
        this.ctx = ctx;
    }

    public void register(Handlers handlers) {
        handlers.on(MessageType.GROUPS_LIST, Common.Empty.class, this::list)
                .on(MessageType.GROUPS_SAVE, Console.Group.class, this::save)
                .on(MessageType.GROUPS_DELETE, Console.DeleteGroup.class, this::delete);
    }

    private CompletableFuture<Console.Groups> list(Call<Common.Empty> call) {
        return ctx.db().read(c -> new Console.Groups(GroupDirectory.all(c)));
    }

    private CompletableFuture<Console.Group> save(Call<Console.Group> call) {
        Console.Group in = call.body();
        return ctx.db().write(tx -> {
            Connection c = tx.connection();
            for (int i = 0; i < in.members().size(); i++) {
                if (Sql.queryLong(c, "SELECT COUNT(*) FROM users WHERE mc_service_id = ?", in.members().get(i)) == 0) {
                    throw ProtocolException.badRequest("body.members[" + i + "]", in.members().get(i) + " is not a user");
                }
            }
            boolean created = GroupDirectory.find(c, in.groupId()).isEmpty();
            GroupDirectory.save(c, in);
            ctx.events().append(tx, "group.saved", ctx.events().data().put("groupId", in.groupId()).put("created", created));
            ctx.audit().record(tx, call.actor(), call.type().wireName(), in.groupId(), AuditLog.ALLOWED, ctx.audit().detail()
                    .put("members", in.members().size()).put("sharedWith", String.join(",", in.sharedWith())));
            return GroupDirectory.find(c, in.groupId()).orElseThrow();
        });
    }

    private CompletableFuture<Common.Empty> delete(Call<Console.DeleteGroup> call) {
        String id = call.body().groupId();
        return ctx.db().write(tx -> {
            if (!GroupDirectory.delete(tx.connection(), id)) {
                throw ProtocolException.notFound("group " + id);
            }
            ctx.events().append(tx, "group.deleted", ctx.events().data().put("groupId", id));
            ctx.audit().record(tx, call.actor(), call.type().wireName(), id, AuditLog.ALLOWED, null);
            return new Common.Empty();
        });
    }
}
