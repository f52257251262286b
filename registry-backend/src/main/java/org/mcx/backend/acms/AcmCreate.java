package org.mcx.backend.acms;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.store.Sql;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.Handler;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.model.Priority;

/**
 * {@code acm.create} (ADMIN; the router has checked the role): steps 1-3 for the kinds of
 * docs/acm.md. The users a request names must be users of this system allowed to migrate, or the
 * whole request is refused ({@code FORBIDDEN}, audited by the router) and nothing is stored. A user
 * migration carries what this system holds of each user — name, security level, highest priority —
 * whatever the console sent for them; only the groups they must join come from the ADMIN.
 */
final class AcmCreate implements Handler<Exchange.AcmCreate> {
    private final SystemContext ctx;
    private final Exchanges exchanges;
    private final Map<String, AcmKind> kinds;

    AcmCreate(SystemContext ctx, Exchanges exchanges, Map<String, AcmKind> kinds) {
        this.ctx = ctx;
        this.exchanges = exchanges;
        this.kinds = kinds;
    }

    @Override
    public CompletionStage<Exchange.Created> handle(Call<Exchange.AcmCreate> call) {
        Exchange.AcmCreate in = call.body();
        AcmKind kind = kinds.get(in.content().kind());
        if (kind == null) {
            throw ProtocolException.badRequest("body.content.kind", in.content().kind() + " is not handled by this system yet");
        }
        String admin = call.actor();
        return ctx.db().write(tx -> {
            Connection c = tx.connection();
            if (PartnerPolicy.load(c, in.partnerSystemId()).isEmpty()) {
                throw ProtocolException.notFound("partner " + in.partnerSystemId());
            }
            Acm.Content content = in.content();
            if (!(content instanceof Acm.UserRemoval)) {
                // Removing a migration names users who may have left this system since: not checked.
                List<String> refused = MigratingUsers.refused(c, content.namedUsers());
                if (!refused.isEmpty()) {
                    throw ProtocolException.forbidden("not authorized to migrate: " + String.join(", ", refused));
                }
            }
            if (content instanceof Acm.UserMigration migration) {
                content = asHeldHere(c, migration);
            }
            StoredRequest r = exchanges.createOutgoing(tx, kind, in.partnerSystemId(), admin, kind.store(content),
                    in.urgency());
            ctx.audit().record(tx, admin, call.type().wireName(), r.requestId(), AuditLog.ALLOWED, ctx.audit().detail()
                    .put("kind", kind.name()).put("partnerSystemId", in.partnerSystemId())
                    .put("users", content.namedUsers().size()).put("urgency", in.urgency().name().toLowerCase(java.util.Locale.ROOT)));
            return new Exchange.Created(r.requestId(), r.status());
        });
    }

    private static Acm.UserMigration asHeldHere(Connection c, Acm.UserMigration sent) throws SQLException {
        List<Acm.MigratingUser> users = new ArrayList<>(sent.users().size());
        for (Acm.MigratingUser u : sent.users()) {
            Optional<Acm.MigratingUser> held = Sql.queryOne(c,
                    "SELECT display_name, security_level, max_priority FROM users WHERE mc_service_id = ?",
                    rs -> new Acm.MigratingUser(u.mcServiceId(), rs.getString(1), u.groups(), rs.getString(2),
                            Priority.parse(rs.getString(3)).orElse(Priority.NORMAL)), u.mcServiceId());
            users.add(held.orElseThrow(() -> ProtocolException.forbidden("not authorized to migrate: " + u.mcServiceId()
                    + " (not a user of this system)")));
        }
        return new Acm.UserMigration(users);
    }
}
