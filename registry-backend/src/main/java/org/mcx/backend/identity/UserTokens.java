package org.mcx.backend.identity;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.mcx.backend.BackendContext;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.store.Sql;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.Principal;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Auth;

/**
 * {@code auth.user} (R-5.18.2-004): an application authenticates the MC service user it acts for
 * and gets a bearer token bound to both, for the service access server.
 */
final class UserTokens {
    private final BackendContext ctx;
    private final ConsoleAuth credentials;

    UserTokens(BackendContext ctx, ConsoleAuth credentials) {
        this.ctx = ctx;
        this.credentials = credentials;
    }

    CompletableFuture<Auth.UserToken> issue(Call<Auth.UserLogin> call) {
        Principal.Application app = call.principal(Principal.Application.class);
        String user = call.body().mcServiceId();
        return credentials.verify(user, call.body().password(), "auth.user").thenCompose(u -> {
            if (!u.externalAccessAllowed()) {
                throw ProtocolException.forbidden("this user may not use external applications");
            }
            String token = Tokens.newToken();
            Instant now = Instant.now();
            Instant expires = now.plus(ctx.config().identity().userTokenTtl());
            return ctx.db().write(tx -> {
                Sql.update(tx.connection(), "INSERT INTO user_tokens (token_hash, application_id, mc_service_id,"
                                + " issued_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                        Tokens.hash(token), app.applicationId(), user, now, expires);
                Sql.update(tx.connection(), "DELETE FROM user_tokens WHERE expires_at < ?", now);
                ctx.audit().record(tx, call.actor(), "auth.user", user, AuditLog.ALLOWED, null);
                return new Auth.UserToken(token, expires);
            });
        });
    }

    /** What a valid, unexpired token stands for; used by service access servers. */
    static Optional<TokenClaims> lookup(Connection c, String token, Instant now) throws SQLException {
        return Sql.queryOne(c, "SELECT application_id, mc_service_id, issued_at, expires_at FROM user_tokens"
                        + " WHERE token_hash = ? AND expires_at > ?",
                rs -> new TokenClaims(rs.getString(1), rs.getString(2), Sql.instant(rs, "issued_at"),
                        Sql.instant(rs, "expires_at")), Tokens.hash(token), now);
    }

    public record TokenClaims(String applicationId, String mcServiceId, Instant issuedAt, Instant expiresAt) {
    }
}
