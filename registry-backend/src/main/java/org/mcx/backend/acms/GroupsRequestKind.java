package org.mcx.backend.acms;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.groups.GroupDirectory;
import org.mcx.backend.store.Sql;
import org.mcx.backend.store.Tx;
import org.mcx.backend.system.SystemContext;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Console;

/**
 * {@code groups.request} (R-5.16.4-004: group configuration): the groups this system shares with
 * the asking partner, or those of them it named; a group not shared with it is left out as if it
 * did not exist. Members' security levels go only with groups that disclose them.
 */
final class GroupsRequestKind extends AcmKind {
    private final SystemContext ctx;

    GroupsRequestKind(SystemContext ctx) {
        super(ctx.codec());
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return Acm.GROUPS_REQUEST;
    }

    @Override
    Acm.Result apply(Tx tx, StoredRequest request, PartnerPolicy policy, Acm.Content content) throws SQLException {
        Connection c = tx.connection();
        List<String> named = ((Acm.GroupQuery) content).groups();
        List<Acm.GroupInfo> out = new ArrayList<>();
        for (Console.Group g : GroupDirectory.all(c)) {
            if (!g.isSharedWith(request.partnerSystemId()) || !named.isEmpty() && !named.contains(g.groupId())) {
                continue;
            }
            List<Acm.GroupMember> members = new ArrayList<>(g.members().size());
            for (String m : g.members()) {
                Optional<String> level = g.discloseLevels() ? Sql.queryOne(c,
                        "SELECT security_level FROM users WHERE mc_service_id = ?", rs -> rs.getString(1), m)
                        : Optional.empty();
                members.add(new Acm.GroupMember(m, level.orElse(null)));
            }
            out.add(new Acm.GroupInfo(g.groupId(), g.name(), members));
        }
        ctx.audit().record(tx, "partner:" + request.partnerSystemId(), name(), request.requestId(), AuditLog.ALLOWED,
                ctx.audit().detail().put("groupsDisclosed", out.size()));
        return new Acm.GroupList(out);
    }
}
