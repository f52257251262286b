package org.mcx.backend.identity;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mcx.backend.csc15.GrantFeed;
import org.mcx.backend.groups.GroupDirectory;
import org.mcx.backend.store.Sql;
import org.mcx.backend.store.Tx;
import org.mcx.backend.system.SystemContext;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.model.UserAccess;

/**
 * Users who migrated here from a partner system (R-5.16.4-005, {@code userMigration.*}): created and
 * updated only by their home system's requests, never a user of this system or of another partner.
 * A migrated user has no password (cannot log on), no roles, and no external access until an ADMIN
 * of this system grants it; what their home system sends (name, security level, priority) it may
 * change again. Runs inside the transaction that answers the request.
 */
public final class MigratedUsers {
    /** Not a hash any password matches (see {@link Passwords#verify}). */
    static final String NO_PASSWORD = "!";

    private final SystemContext ctx;
    private final GrantFeed feed;

    MigratedUsers(SystemContext ctx, GrantFeed feed) {
        this.ctx = ctx;
        this.feed = feed;
    }

    /** Creates or updates {@code user} as migrated from {@code home}, at this system's {@code securityLevel}. */
    public Acm.UserOutcome add(Tx tx, String home, Acm.MigratingUser user, String securityLevel) throws SQLException {
        Connection c = tx.connection();
        Optional<StoredUser> before = UserStore.find(c, user.mcServiceId());
        if (before.isPresent() && !home.equals(before.get().homeSystemId())) {
            return refused(user.mcServiceId(), before.get());
        }
        Instant now = Instant.now();
        String name = user.displayName() == null ? user.mcServiceId() : user.displayName();
        StoredUser after = before.map(b -> new StoredUser(b.mcServiceId(), name, b.roles(), b.externalAccessAllowed(),
                        b.allowedServices(), false, b.passwordHash(), b.tokensRevokedBefore(), user.maxPriority(),
                        securityLevel, home))
                .orElseGet(() -> new StoredUser(user.mcServiceId(), name, EnumSet.noneOf(Role.class), false,
                        List.<ServiceType>of(), false, NO_PASSWORD, null, user.maxPriority(), securityLevel, home));
        if (before.isPresent()) {
            UserStore.update(c, after, now);
            if (!before.get().access().equals(after.access())) {
                feed.userAccessChanged(tx, after.access());
            }
        } else {
            UserStore.insert(c, after, now);
        }
        ctx.events().append(tx, "user.saved", ctx.events().data().put("mcServiceId", user.mcServiceId())
                .put("created", before.isEmpty()).put("homeSystemId", home));
        boolean changed = before.map(b -> !b.equals(after)).orElse(true);
        return new Acm.UserOutcome(user.mcServiceId(), before.isEmpty() ? Acm.Outcome.CREATED : Acm.Outcome.UPDATED,
                changed ? null : "already as sent");
    }

    /** Removes the user {@code mcServiceId} who migrated here from {@code home}. */
    public Acm.UserOutcome remove(Tx tx, String home, String mcServiceId) throws SQLException {
        Connection c = tx.connection();
        Optional<StoredUser> before = UserStore.find(c, mcServiceId);
        if (before.isEmpty()) {
            return new Acm.UserOutcome(mcServiceId, Acm.Outcome.NOT_FOUND, null);
        }
        if (!Objects.equals(home, before.get().homeSystemId())) {
            return refused(mcServiceId, before.get());
        }
        for (String table : List.of("users", "sessions", "user_tokens")) {
            Sql.update(c, "DELETE FROM " + table + " WHERE mc_service_id = ?", mcServiceId);
        }
        GroupDirectory.forget(c, mcServiceId);
        feed.userAccessChanged(tx, new UserAccess(mcServiceId, false, List.of(), Instant.now()));
        ctx.events().append(tx, "user.deleted", ctx.events().data().put("mcServiceId", mcServiceId)
                .put("homeSystemId", home));
        ctx.events().append(tx, UserAdmin.SIGN_OUT, ctx.events().data().put("mcServiceId", mcServiceId)
                .put("reason", "your home system removed your migration"));
        return new Acm.UserOutcome(mcServiceId, Acm.Outcome.REMOVED, null);
    }

    private static Acm.UserOutcome refused(String mcServiceId, StoredUser existing) {
        return new Acm.UserOutcome(mcServiceId, Acm.Outcome.REFUSED, existing.homeSystemId() == null
                ? "a user of this system has this id" : "migrated here from " + existing.homeSystemId());
    }
}
