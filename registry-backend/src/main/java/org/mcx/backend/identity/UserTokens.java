package org.mcx.backend.identity;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.store.Sql;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.Principal;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.token.UserTokenFormat;

/**
 * {@code auth.user} (R-5.18.2-004): an application authenticates the MC service user it acts for
 * and gets a bearer token bound to both, for the service access server. The token verifies itself
 * ({@link UserTokenFormat}); its hash is kept so that issued tokens can be counted and audited.
 */
final class UserTokens {
    private final SystemContext ctx;
    private final IdentityConfig config;
    private final ConsoleAuth credentials;
    private final TokenSigner signer;

    UserTokens(SystemContext ctx, IdentityConfig config, ConsoleAuth credentials, TokenSigner signer) {
        this.ctx = ctx;
        this.config = config;
        this.credentials = credentials;
        this.signer = signer;
    }

    CompletableFuture<Auth.UserToken> issue(Call<Auth.UserLogin> call) {
        Principal.Application app = call.principal(Principal.Application.class);
        String user = call.body().mcServiceId();
        return credentials.verify(call.session(), user, call.body().password(), "auth.user").thenCompose(u -> {
            if (!u.externalAccessAllowed()) {
                throw ProtocolException.forbidden("this user may not use external applications");
            }
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            Instant expires = now.plus(config.userTokenTtl());
            String token = signer.sign(new UserTokenFormat.Claims(app.applicationId(), user, now, expires));
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
}
