package org.mcx.backend.acms;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.groups.GroupDirectory;
import org.mcx.backend.identity.MigratedUsers;
import org.mcx.backend.identity.SecurityLevels;
import org.mcx.backend.store.Tx;
import org.mcx.backend.system.SystemContext;
import org.mcx.protocol.message.Acm;

/**
 * {@code userMigration.add} (R-5.16.4-005; TS 23.280 §10.17 "adding users for migration"): the
 * partner creates or updates the users as migrated from the asking system, each answered on its own.
 */
final class UserMigrationAddKind extends AcmKind {
    private final SystemContext ctx;
    private final MigratedUsers users;
    private final SecurityLevels levels;

    UserMigrationAddKind(SystemContext ctx, MigratedUsers users, SecurityLevels levels) {
        super(ctx.codec());
        this.ctx = ctx;
        this.users = users;
        this.levels = levels;
    }

    @Override
    public String name() {
        return Acm.USER_MIGRATION_ADD;
    }

    @Override
    Acm.Result apply(Tx tx, StoredRequest request, PartnerPolicy policy, Acm.Content content) throws SQLException {
        List<Acm.UserOutcome> outcomes = new ArrayList<>();
        for (Acm.MigratingUser user : ((Acm.UserMigration) content).users()) {
            Optional<String> level = user.securityLevel() == null ? Optional.empty()
                    : policy.ourLevel(user.securityLevel(), levels);
            if (user.securityLevel() != null && level.isEmpty()) {
                outcomes.add(new Acm.UserOutcome(user.mcServiceId(), Acm.Outcome.REFUSED,
                        "security level " + user.securityLevel() + " has no counterpart here (" + levels.names() + ")"));
                continue;
            }
            Acm.UserOutcome outcome = users.add(tx, request.partnerSystemId(), user, level.orElse(null));
            outcomes.add(outcome.outcome() == Acm.Outcome.REFUSED ? outcome
                    : joinGroups(tx.connection(), request.partnerSystemId(), user, outcome));
        }
        ctx.audit().record(tx, "partner:" + request.partnerSystemId(), name(), request.requestId(), AuditLog.ALLOWED,
                ctx.audit().detail().put("users", outcomes.size()).put("refused",
                        outcomes.stream().filter(o -> o.outcome() == Acm.Outcome.REFUSED).count()));
        return new Acm.MigrationOutcomes(outcomes);
    }

    /** The user joins each group it names that is shared with its home system; the others are named in the reason. */
    private static Acm.UserOutcome joinGroups(Connection c, String home, Acm.MigratingUser user, Acm.UserOutcome outcome)
            throws SQLException {
        List<String> notJoined = new ArrayList<>();
        for (String groupId : user.groups()) {
            if (GroupDirectory.find(c, groupId).filter(g -> g.isSharedWith(home)).isPresent()) {
                GroupDirectory.addMember(c, groupId, user.mcServiceId());
            } else {
                notJoined.add(groupId);
            }
        }
        if (notJoined.isEmpty()) {
            return outcome;
        }
        String why = "not added to " + String.join(", ", notJoined) + ": no such group is shared with " + home;
        return new Acm.UserOutcome(outcome.mcServiceId(), outcome.outcome(),
                outcome.reason() == null ? why : outcome.reason() + "; " + why);
    }
}
