package org.mcx.backend.identity;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.groups.GroupDirectory;
import org.mcx.backend.csc15.GrantFeed;
import org.mcx.backend.events.EventLog;
import org.mcx.backend.events.PublishedEvent;
import org.mcx.backend.store.Sql;
import org.mcx.backend.store.Tx;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.model.UserAccess;

/**
 * {@code users.list} and {@code users.save}. Saving a user who loses external access, a service
 * or a password revokes the tokens issued before, and every service access server is told.
 */
final class UserAdmin {
    private final SystemContext ctx;
    private final Passwords passwords;
    private final LoginGuard guard;
    private final ConsoleAuth consoles;
    private final GrantFeed feed;

    static final String SIGN_OUT = EventLog.INTERNAL + "signOut";

    private final SecurityLevels levels;

    UserAdmin(SystemContext ctx, Passwords passwords, LoginGuard guard, ConsoleAuth consoles, GrantFeed feed,
              SecurityLevels levels) {
        this.levels = levels;
        this.ctx = ctx;
        this.passwords = passwords;
        this.guard = guard;
        this.consoles = consoles;
        ctx.events().bus().subscribe(this::onEvent);
        this.feed = feed;
    }

    CompletableFuture<Console.Users> list(Call<Common.Empty> call) {
        Instant now = Instant.now();
        return ctx.db().read(c -> {
            List<Console.User> users = new ArrayList<>();
            for (StoredUser u : UserStore.all(c)) {
                users.add(u.view(guard.lockedUntil(c, u.mcServiceId(), now).orElse(null)));
            }
            return new Console.Users(users);
        });
    }

    CompletableFuture<Console.User> save(Call<Console.SaveUser> call) {
        Console.SaveUser in = call.body();
        // Hash before entering the writer thread: PBKDF2 takes long and must not hold up other writes.
        CompletableFuture<Optional<String>> hash = in.password() == null
                ? CompletableFuture.completedFuture(Optional.empty())
                : CompletableFuture.supplyAsync(() -> Optional.of(passwords.hash(in.password())), ctx.cpu());
        return hash.thenCompose(newHash -> ctx.db().write(tx -> {
            // Nodes save and delete users one after another (this transaction's events take the clock at
            // its commit anyway; here it is held from the start): the copy read below is the one written back, and the
            // last-administrator count cannot be passed by two nodes demoting two administrators at once.
            tx.excludeOtherNodes();
            Connection c = tx.connection();
            Instant now = Instant.now();
            Optional<StoredUser> before = UserStore.find(c, in.mcServiceId());
            if (before.isEmpty() && newHash.isEmpty()) {
                throw ProtocolException.badRequest("body.password", "required when creating a user");
            }
            if (in.securityLevel() != null && !levels.contains(in.securityLevel())) {
                throw ProtocolException.badRequest("body.securityLevel", "must be one of " + levels.names());
            }
            Set<Role> roles = in.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(in.roles());
            List<ServiceType> services = List.copyOf(new java.util.LinkedHashSet<>(in.allowedServices()));
            boolean revoke = before.map(b -> losesAccess(b, in, services, newHash.isPresent())).orElse(false);
            Instant revokedBefore = revoke ? now : before.map(StoredUser::tokensRevokedBefore).orElse(null);
            StoredUser after = new StoredUser(in.mcServiceId(), in.displayName(), roles, in.externalAccessAllowed(),
                    services, in.mayMigrate(), newHash.orElseGet(() -> before.get().passwordHash()), revokedBefore,
                    in.maxPriority(), in.securityLevel() != null ? in.securityLevel()
                            : before.map(StoredUser::securityLevel).orElse(null),
                    before.map(StoredUser::homeSystemId).orElse(null));
            if (before.isPresent()) {
                guardLastAdmin(c, before.get(), after);
                UserStore.update(c, after, now);
            } else {
                UserStore.insert(c, after, now);
            }
            if (revoke) {
                Sql.update(c, "DELETE FROM user_tokens WHERE mc_service_id = ?", in.mcServiceId());
            }
            if (newHash.isPresent() && before.isPresent()) {
                consoles.revokeSessions(c, in.mcServiceId());
            }
            guard.unlock(c, in.mcServiceId());
            ctx.events().append(tx, "user.saved", ctx.events().data()
                    .put("mcServiceId", in.mcServiceId()).put("created", before.isEmpty()));
            ctx.audit().record(tx, call.actor(), "users.save", in.mcServiceId(), AuditLog.ALLOWED,
                    ctx.audit().detail().put("created", before.isEmpty()).put("passwordChanged", newHash.isPresent())
                            .put("roles", roles.toString()).put("externalAccessAllowed", in.externalAccessAllowed())
                            .put("maxPriority", in.maxPriority().wireName()));
            if (before.map(b -> !b.access().equals(after.access())).orElse(true)) {
                feed.userAccessChanged(tx, after.access());
            }
            boolean rolesChanged = before.map(b -> !b.roles().equals(roles)).orElse(false);
            if (rolesChanged || (newHash.isPresent() && before.isPresent())) {
                signOutEverywhere(tx, in.mcServiceId(), "your roles or password changed; reconnect");
            }
            return after.view(null);
        }));
    }

    /** The user's consoles are signed out on every node once this commits (each node hears of it from the log). */
    private void signOutEverywhere(Tx tx, String mcServiceId, String reason) throws SQLException {
        ctx.events().append(tx, SIGN_OUT, ctx.events().data().put("mcServiceId", mcServiceId).put("reason", reason));
    }

    private void onEvent(PublishedEvent published) {
        Common.Event e = published.event();
        if (e.topic().equals(SIGN_OUT) && e.data() != null) {
            consoles.signOut(e.data().path("mcServiceId").asText(), e.data().path("reason").asText());
        }
    }

    CompletableFuture<Common.Empty> delete(Call<Console.DeleteUser> call) {
        String id = call.body().mcServiceId();
        return ctx.db().write(tx -> {
            tx.excludeOtherNodes(); // as in save: one node at a time reads, checks and writes users
            Connection c = tx.connection();
            StoredUser user = UserStore.find(c, id).orElseThrow(() -> ProtocolException.notFound("user " + id));
            if (id.equals(call.actor())) {
                throw ProtocolException.conflict("you cannot delete yourself");
            }
            if (user.roles().contains(Role.ADMIN) && UserStore.countAdmins(c) <= 1) {
                throw ProtocolException.conflict("the last administrator cannot be deleted");
            }
            Instant now = Instant.now();
            for (String table : List.of("users", "sessions", "user_tokens")) {
                Sql.update(c, "DELETE FROM " + table + " WHERE mc_service_id = ?", id);
            }
            GroupDirectory.forget(c, id);
            guard.unlock(c, id);
            ctx.events().append(tx, "user.deleted", ctx.events().data().put("mcServiceId", id));
            ctx.audit().record(tx, call.actor(), "users.delete", id, AuditLog.ALLOWED, null);
            feed.userAccessChanged(tx, new UserAccess(id, false, List.of(), now));
            signOutEverywhere(tx, id, "your account was deleted");
            return new Common.Empty();
        });
    }

    private static boolean losesAccess(StoredUser before, Console.SaveUser in, List<ServiceType> services,
                                       boolean passwordChanged) {
        return passwordChanged
                || (before.externalAccessAllowed() && !in.externalAccessAllowed())
                || !new HashSet<>(services).containsAll(before.allowedServices());
    }

    private static void guardLastAdmin(Connection c, StoredUser before, StoredUser after) throws SQLException {
        if (before.roles().contains(Role.ADMIN) && !after.roles().contains(Role.ADMIN)
                && UserStore.countAdmins(c) <= 1) {
            throw ProtocolException.conflict("the last administrator cannot lose the ADMIN role");
        }
    }
}
