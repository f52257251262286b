package org.mcx.backend.acms;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.identity.MigratedUsers;
import org.mcx.backend.store.Tx;
import org.mcx.backend.system.SystemContext;
import org.mcx.protocol.message.Acm;

/** {@code userMigration.remove}: the reverse of {@link UserMigrationAddKind}, for users migrated from the asking system. */
final class UserMigrationRemoveKind extends AcmKind {
    private final SystemContext ctx;
    private final MigratedUsers users;

    UserMigrationRemoveKind(SystemContext ctx, MigratedUsers users) {
        super(ctx.codec());
        this.ctx = ctx;
        this.users = users;
    }

    @Override
    public String name() {
        return Acm.USER_MIGRATION_REMOVE;
    }

    @Override
    Acm.Result apply(Tx tx, StoredRequest request, PartnerPolicy policy, Acm.Content content) throws SQLException {
        List<Acm.UserOutcome> outcomes = new ArrayList<>();
        for (String id : ((Acm.UserRemoval) content).users()) {
            outcomes.add(users.remove(tx, request.partnerSystemId(), id));
        }
        ctx.audit().record(tx, "partner:" + request.partnerSystemId(), name(), request.requestId(), AuditLog.ALLOWED,
                ctx.audit().detail().put("users", outcomes.size()));
        return new Acm.RemovalOutcomes(outcomes);
    }
}
