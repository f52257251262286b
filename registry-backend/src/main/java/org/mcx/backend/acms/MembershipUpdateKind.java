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
 * {@code groupMembership.update} (TS 23.280 §10.17 "group membership information update"; mutual
 * aid): the asking partner's users join or leave one of this system's groups. Only a group shared
 * with that partner, and only users who migrated here from it: the agreement between the systems is
 * the sharing, the approver or policy the authorisation of the membership.
 */
final class MembershipUpdateKind extends AcmKind {
    private final SystemContext ctx;

    MembershipUpdateKind(SystemContext ctx) {
        super(ctx.codec());
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return Acm.GROUP_MEMBERSHIP_UPDATE;
    }

    @Override
    Acm.Result apply(Tx tx, StoredRequest request, PartnerPolicy policy, Acm.Content content) throws SQLException {
        Connection c = tx.connection();
        Acm.MembershipUpdate update = (Acm.MembershipUpdate) content;
        String partner = request.partnerSystemId();
        Optional<Console.Group> group = GroupDirectory.find(c, update.groupId()).filter(g -> g.isSharedWith(partner));
        List<Acm.UserOutcome> outcomes = new ArrayList<>();
        for (String id : update.add()) {
            outcomes.add(group.isEmpty() ? noGroup(id, update.groupId())
                    : !migratedFrom(c, id, partner) ? notMigrated(id, partner)
                    : new Acm.UserOutcome(id, Acm.Outcome.ADDED,
                            GroupDirectory.addMember(c, update.groupId(), id) ? null : "already a member"));
        }
        for (String id : update.remove()) {
            outcomes.add(group.isEmpty() ? noGroup(id, update.groupId())
                    : !migratedFrom(c, id, partner) ? notMigrated(id, partner)
                    : GroupDirectory.removeMember(c, update.groupId(), id) ? new Acm.UserOutcome(id, Acm.Outcome.REMOVED, null)
                    : new Acm.UserOutcome(id, Acm.Outcome.NOT_FOUND, "not a member"));
        }
        if (group.isPresent()) {
            ctx.events().append(tx, "group.saved", ctx.events().data().put("groupId", update.groupId()).put("created", false));
        }
        ctx.audit().record(tx, "partner:" + partner, name(), request.requestId(), AuditLog.ALLOWED,
                ctx.audit().detail().put("groupId", update.groupId()).put("users", outcomes.size()));
        return new Acm.MembershipOutcomes(update.groupId(), outcomes);
    }

    private static boolean migratedFrom(Connection c, String id, String partner) throws SQLException {
        return Sql.queryLong(c, "SELECT COUNT(*) FROM users WHERE mc_service_id = ? AND home_system_id = ?", id, partner) > 0;
    }

    private static Acm.UserOutcome noGroup(String id, String groupId) {
        return new Acm.UserOutcome(id, Acm.Outcome.REFUSED, "no group " + groupId + " is shared with your system");
    }

    private static Acm.UserOutcome notMigrated(String id, String partner) {
        return new Acm.UserOutcome(id, Acm.Outcome.REFUSED, "not a user who migrated here from " + partner);
    }
}
