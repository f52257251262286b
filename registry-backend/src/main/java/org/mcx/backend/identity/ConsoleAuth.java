package org.mcx.backend.identity;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.store.Sql;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.PeerSession;
import org.mcx.backend.transport.Principal;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.message.Common;

/**
 * {@code auth.login} and {@code auth.resume} on /acmc. Hashing runs on the CPU executor, the
 * lookups and the session row on the database's; a locked name is refused before its password is
 * even checked.
 */
final class ConsoleAuth {
    static final String BAD_CREDENTIALS = "invalid user name or password";
    /** Close code for a console whose session ended elsewhere: its roles changed, or it logged out. */
    static final int CLOSE_SIGNED_OUT = 4403;

    private final SystemContext ctx;
    private final IdentityConfig config;
    private final Passwords passwords;
    private final LoginGuard guard;
    private final PasswordChecks checks;
    private final Map<String, Set<PeerSession>> consolesByUser = new ConcurrentHashMap<>();

    ConsoleAuth(SystemContext ctx, IdentityConfig config, Passwords passwords, LoginGuard guard, PasswordChecks checks) {
        this.ctx = ctx;
        this.config = config;
        this.passwords = passwords;
        this.guard = guard;
        this.checks = checks;
    }

    CompletableFuture<Auth.Session> login(Call<Auth.Login> call) {
        String username = call.body().username();
        return verify(call.session(), username, call.body().password(), "auth.login").thenCompose(user -> {
            if (user.roles().isEmpty()) {
                throw ProtocolException.forbidden("this user has no console role");
            }
            String token = Tokens.newToken();
            Instant now = Instant.now();
            Instant expires = now.plus(config.sessionTtl());
            return ctx.db().write(tx -> {
                Sql.update(tx.connection(), "INSERT INTO sessions (token_hash, mc_service_id, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?)", Tokens.hash(token), user.mcServiceId(), now, expires);
                Sql.update(tx.connection(), "DELETE FROM sessions WHERE expires_at < ?", now);
                ctx.audit().record(tx, user.mcServiceId(), "auth.login", null, AuditLog.ALLOWED, null);
                return null;
            }).thenApply(v -> open(call.session(), user, token, expires));
        });
    }

    CompletableFuture<Auth.Session> resume(Call<Auth.Resume> call) {
        String hash = Tokens.hash(call.body().sessionToken());
        Instant now = Instant.now();
        Instant expires = now.plus(config.sessionTtl());
        return ctx.db().write(tx -> {
            Connection c = tx.connection();
            // Extended first: the update locks the session's row, so a password change on another node
            // that deletes it either commits first (no row: log in again) or waits for this one.
            if (Sql.update(c, "UPDATE sessions SET expires_at = ? WHERE token_hash = ? AND expires_at > ?",
                    expires, hash, now) == 0) {
                throw new ProtocolException(ErrorCode.UNAUTHENTICATED, "session expired or unknown; log in again");
            }
            String owner = Sql.queryOne(c, "SELECT mc_service_id FROM sessions WHERE token_hash = ?",
                    rs -> rs.getString(1), hash).orElseThrow();
            return UserStore.find(c, owner).filter(u -> !u.roles().isEmpty())
                    .orElseThrow(() -> new ProtocolException(ErrorCode.UNAUTHENTICATED, "session expired or unknown; log in again"));
        }).thenApply(user -> open(call.session(), user, call.body().sessionToken(), expires));
    }

    /**
     * {@code auth.logout}: the session's token is deleted, so it resumes nowhere, and after the
     * answer every connection that uses it is closed, this one included.
     */
    CompletableFuture<Common.Empty> logout(Call<Common.Empty> call) {
        Principal.ConsoleUser user = call.principal(Principal.ConsoleUser.class);
        return ctx.db().write(tx -> {
            Sql.update(tx.connection(), "DELETE FROM sessions WHERE token_hash = ?", user.sessionTokenHash());
            ctx.audit().record(tx, user.mcServiceId(), "auth.logout", null, AuditLog.ALLOWED, null);
            return new Common.Empty();
        }).whenComplete((done, failure) -> {
            if (failure == null) {
                call.afterReply().add(() -> closeConnectionsOf(user, call.session()));
            }
        });
    }

    private void closeConnectionsOf(Principal.ConsoleUser user, PeerSession loggingOut) {
        for (PeerSession s : consolesByUser.getOrDefault(user.mcServiceId(), Set.of())) {
            if (s.principal() instanceof Principal.ConsoleUser other
                    && other.sessionTokenHash().equals(user.sessionTokenHash())) {
                s.close(s == loggingOut ? 1000 : CLOSE_SIGNED_OUT, s == loggingOut ? "logged out" : "logged out elsewhere");
            }
        }
    }

    /**
     * Checks a name and password against the lock, then the hash. The answer is the same for an
     * unknown name and a wrong password; a locked name says until when, whoever it names. The
     * whole check holds a place at the {@link PasswordChecks} gate, or is refused at once.
     */
    CompletableFuture<StoredUser> verify(PeerSession peer, String username, String password, String action) {
        PasswordChecks.Ticket ticket;
        try {
            ticket = checks.admit(peer);
        } catch (ProtocolException busy) {
            return CompletableFuture.failedFuture(busy);
        }
        Runnable forget = peer.onClose(ticket::abandon);
        Instant now = Instant.now();
        return ctx.db().read(c -> new Lookup(guard.lockedUntil(c, username, now), UserStore.find(c, username)))
                .thenCompose(lookup -> {
                    if (lookup.lockedUntil().isPresent()) {
                        throw locked(lookup.lockedUntil().get());
                    }
                    return ticket.hash(() -> {
                        if (lookup.user().isEmpty()) {
                            passwords.verifyDummy(password);
                            return Optional.<StoredUser>empty();
                        }
                        return lookup.user().filter(u -> passwords.verify(password, u.passwordHash()));
                    });
                })
                .thenCompose(match -> ctx.db().write(tx -> {
                    if (match.isPresent()) {
                        guard.succeeded(tx.connection(), username);
                        return match.get();
                    }
                    Optional<Instant> lockedNow = guard.failed(tx, username, now);
                    ctx.audit().record(tx, username, action, null, AuditLog.DENIED,
                            ctx.audit().detail().put("reason", "bad credentials"));
                    if (lockedNow.isPresent() && UserStore.find(tx.connection(), username).isPresent()) {
                        ctx.events().append(tx, "user.locked", ctx.events().data()
                                .put("mcServiceId", username).put("lockedUntil", lockedNow.get().toString()));
                    }
                    return null;
                })).thenApply(user -> {
                    if (user == null) {
                        throw new ProtocolException(ErrorCode.UNAUTHENTICATED, BAD_CREDENTIALS);
                    }
                    return user;
                }).whenComplete((user, failure) -> {
                    forget.run();
                    ticket.close();
                });
    }

    private static ProtocolException locked(Instant until) {
        long minutes = Math.max(1, (until.toEpochMilli() - System.currentTimeMillis() + 59_999) / 60_000);
        return new ProtocolException(ErrorCode.UNAUTHENTICATED,
                "account locked after repeated failed logins; try again in " + minutes + " min (at " + until + ")");
    }

    private Auth.Session open(PeerSession session, StoredUser user, String token, Instant expires) {
        session.authenticate(new Principal.ConsoleUser(user.mcServiceId(), user.displayName(), user.roles(),
                Tokens.hash(token)));
        Set<PeerSession> sessions = consolesByUser.computeIfAbsent(user.mcServiceId(), k -> ConcurrentHashMap.newKeySet());
        sessions.add(session);
        session.onClose(() -> sessions.remove(session));
        return new Auth.Session(token, expires,
                new Auth.UserInfo(user.mcServiceId(), user.displayName(), List.copyOf(user.roles())));
    }

    /**
     * Closes a user's consoles after their roles, password or account changed: they reconnect and
     * resume with the new roles, or find their session gone.
     */
    void signOut(String mcServiceId, String reason) {
        for (PeerSession s : consolesByUser.getOrDefault(mcServiceId, Set.of())) {
            s.close(CLOSE_SIGNED_OUT, reason);
        }
    }

    void revokeSessions(Connection c, String mcServiceId) throws SQLException {
        Sql.update(c, "DELETE FROM sessions WHERE mc_service_id = ?", mcServiceId);
    }

    private record Lookup(Optional<Instant> lockedUntil, Optional<StoredUser> user) {
    }
}
