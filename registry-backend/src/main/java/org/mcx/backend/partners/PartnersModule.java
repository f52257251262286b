package org.mcx.backend.partners;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.identity.SecurityLevels;
import org.mcx.backend.store.Sql;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.Handlers;
import org.mcx.backend.transport.Principal;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Acms;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/**
 * Partner MC systems: their address, the secret both systems hold for the pair, and local policy.
 * The secret is kept as given, not hashed, because this system must present it to the partner too.
 */
public final class PartnersModule implements AutoCloseable {
    private final SystemContext ctx;
    private final PartnerLinkControl links;

    private final SecurityLevels levels;

    public PartnersModule(SystemContext ctx) {
        this(ctx, PartnerLinkControl.NONE, SecurityLevels.DEFAULT);
    }

    public PartnersModule(SystemContext ctx, PartnerLinkControl links, SecurityLevels levels) {
        this.ctx = ctx;
        this.links = links;
        this.levels = levels;
    }

    public void register(Handlers handlers) {
        handlers.on(MessageType.PARTNERS_LIST, Common.Empty.class, this::list)
                .on(MessageType.PARTNERS_SAVE, Console.SavePartner.class, this::save)
                .on(MessageType.PARTNERS_DELETE, Console.DeletePartner.class, this::delete)
                .on(MessageType.AUTH_PARTNER, Auth.PartnerLogin.class, this::authenticate);
    }

    private CompletableFuture<Console.Partners> list(Call<Common.Empty> call) {
        return ctx.db().read(c -> new Console.Partners(
                Sql.query(c, "SELECT * FROM partners ORDER BY system_id", rs -> row(c, rs))));
    }

    private CompletableFuture<Console.Partner> save(Call<Console.SavePartner> call) {
        Console.SavePartner in = call.body();
        if (in.systemId().equals(ctx.systemId())) {
            throw ProtocolException.badRequest("body.systemId", "is this system's own id");
        }
        if (in.securityLevels() != null) {
            for (var e : in.securityLevels().entrySet()) {
                if (!levels.contains(e.getValue())) {
                    throw ProtocolException.badRequest("body.securityLevels." + e.getKey(),
                            "must be one of this system's levels " + levels.names());
                }
            }
        }
        String levelMap = levelMap(in);
        return ctx.db().write(tx -> {
            Connection c = tx.connection();
            Instant now = Instant.now();
            boolean exists = Sql.queryLong(c, "SELECT COUNT(*) FROM partners WHERE system_id = ?", in.systemId()) > 0;
            if (exists) {
                Sql.update(c, "UPDATE partners SET name = ?, endpoint = ?, auto_approve = ?, max_users = ?, disclose = ?,"
                                + " certificate_fingerprint = ?, security_levels = ?, updated_at = ? WHERE system_id = ?",
                        in.name(), in.endpoint(), in.autoApprove().enabled(), in.autoApprove().maxUsers(), disclose(in),
                        in.certificateFingerprint(), levelMap, now, in.systemId());
                if (in.secret() != null) {
                    Sql.update(c, "UPDATE partners SET secret = ? WHERE system_id = ?", in.secret(), in.systemId());
                }
            } else {
                if (in.secret() == null) {
                    throw ProtocolException.badRequest("body.secret", "required when adding a partner");
                }
                Sql.update(c, "INSERT INTO partners (system_id, name, endpoint, secret, auto_approve, max_users,"
                                + " disclose, certificate_fingerprint, security_levels, created_at, updated_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", in.systemId(),
                        in.name(), in.endpoint(), in.secret(), in.autoApprove().enabled(), in.autoApprove().maxUsers(),
                        disclose(in), in.certificateFingerprint(), levelMap, now, now);
            }
            ctx.audit().record(tx, call.actor(), "partners.save", in.systemId(), AuditLog.ALLOWED,
                    ctx.audit().detail().put("created", !exists).put("secretChanged", in.secret() != null)
                            .put("endpoint", in.endpoint()));
            tx.afterCommit(() -> links.saved(in.systemId()));
            return Sql.queryOne(c, "SELECT * FROM partners WHERE system_id = ?", rs -> row(c, rs), in.systemId())
                    .orElseThrow();
        });
    }

    private CompletableFuture<Common.Empty> delete(Call<Console.DeletePartner> call) {
        String systemId = call.body().systemId();
        return ctx.db().write(tx -> {
            // Holding the clock, as every queued message does (Outbox.enqueue): a message another node is
            // queueing is either counted here or finds the partner gone.
            tx.excludeOtherNodes();
            long waiting = Sql.queryLong(tx.connection(), "SELECT COUNT(*) FROM acms_outbox WHERE partner_system_id = ?",
                    systemId);
            if (waiting > 0) {
                // Store-and-forward promises delivery until an ADMIN cancels: deleting the partner
                // would strand what waits for it. Cancel those requests first.
                throw ProtocolException.conflict(waiting + " message(s) still wait to reach partner " + systemId
                        + "; cancel their requests (serverIdentity.cancel) before deleting it");
            }
            links.deleting(tx, systemId);
            if (Sql.update(tx.connection(), "DELETE FROM partners WHERE system_id = ?", systemId) == 0) {
                throw ProtocolException.notFound("partner " + systemId); // rolls back what deleting did
            }
            ctx.audit().record(tx, call.actor(), "partners.delete", systemId, AuditLog.ALLOWED, null);
            tx.afterCommit(() -> links.deleted(systemId));
            return new Common.Empty();
        });
    }

    /** {@code auth.partner} on /acms: the pair's shared secret, compared in constant time. */
    private CompletableFuture<Auth.PartnerSession> authenticate(Call<Auth.PartnerLogin> call) {
        String systemId = call.body().systemId();
        return ctx.db().read(c -> secret(c, systemId)).thenApply(secret -> {
            byte[] presented = call.body().secret().getBytes(StandardCharsets.UTF_8);
            if (secret.isEmpty() || !MessageDigest.isEqual(secret.get().getBytes(StandardCharsets.UTF_8), presented)) {
                throw new ProtocolException(ErrorCode.UNAUTHENTICATED, "unknown partner or wrong secret");
            }
            call.session().authenticate(new Principal.Partner(systemId));
            return new Auth.PartnerSession(systemId);
        });
    }

    /** The secret this system presents to, and expects from, a partner. */
    public static Optional<String> secret(Connection c, String systemId) throws SQLException {
        return Sql.queryOne(c, "SELECT secret FROM partners WHERE system_id = ?", rs -> rs.getString(1), systemId);
    }

    private Console.Partner row(Connection c, ResultSet rs) throws SQLException {
        String disclose = rs.getString("disclose");
        return new Console.Partner(rs.getString("system_id"), rs.getString("name"), rs.getString("endpoint"),
                new Console.AutoApprove(rs.getBoolean("auto_approve"), rs.getInt("max_users")),
                links.connected(c, rs.getString("system_id")),
                disclose == null ? null : java.util.Arrays.stream(disclose.split(",")).filter(t -> !t.isEmpty())
                        .map(Acms.ServerType::valueOf).toList(),
                rs.getString("certificate_fingerprint"), PartnerLevels.parse(rs.getString("security_levels")));
    }

    /** The partner's level names mapped to ours, as stored (a JSON object); null: the same names. */
    private static String levelMap(Console.SavePartner in) {
        return in.securityLevels() == null ? null : PartnerLevels.store(in.securityLevels());
    }

    /** The server types the partner may be told, comma-separated; NULL for all. */
    private static String disclose(Console.SavePartner in) {
        return in.disclose() == null ? null
                : String.join(",", in.disclose().stream().distinct().map(Enum::name).toList());
    }

    @Override
    public void close() {
    }
}
