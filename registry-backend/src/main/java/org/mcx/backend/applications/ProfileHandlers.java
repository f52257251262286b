package org.mcx.backend.applications;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.Principal;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.model.ApplicationProfile;

/**
 * Application profiles as the console edits them ({@code profiles.*}, with optimistic
 * concurrency on {@code expectedVersion}) and as an application fetches its own
 * ({@code getApplicationProfile}, 10.X.4 steps 4 and 5). Each change is one transaction: the
 * profile, its history, the notification, the event, the push to service access servers and the
 * audit entry commit together or not at all.
 */
final class ProfileHandlers {
    private final SystemContext ctx;
    private final ProfileStore profiles;
    private final ProfileWriter writer;
    private final DirectLocations direct;

    ProfileHandlers(SystemContext ctx, ProfileStore profiles, ProfileWriter writer, DirectLocations direct) {
        this.ctx = ctx;
        this.profiles = profiles;
        this.writer = writer;
        this.direct = direct;
    }

    CompletableFuture<Console.Profiles> list(Call<Console.ListProfiles> call) {
        String applicationId = call.body().applicationId();
        return ctx.db().read(c -> new Console.Profiles(applicationId == null
                ? profiles.all(c) : profiles.ofApplication(c, applicationId)));
    }

    CompletableFuture<Console.Profiles> history(Call<Console.ProfileHistory> call) {
        String id = call.body().applicationProfileId();
        return ctx.db().read(c -> {
            List<ApplicationProfile> versions = profiles.history(c, id);
            if (versions.isEmpty()) {
                throw ProtocolException.notFound("application profile " + id);
            }
            return new Console.Profiles(versions);
        });
    }

    CompletableFuture<Console.ProfileSaved> save(Call<Console.SaveProfile> call) {
        ApplicationProfile in = call.body().applicationProfile();
        long expected = call.body().expectedVersion();
        return ctx.db().write(tx -> {
            Connection c = tx.connection();
            ApplicationProfile saved;
            if (expected == 0) {
                // A new profile: the server chooses its id, index, location and version.
                if (!ApplicationStore.exists(c, in.applicationId())) {
                    throw ProtocolException.notFound("application " + in.applicationId());
                }
                saved = writer.create(tx, call.actor(), in.applicationId(), in.authorizedService(),
                        in.serviceInterfaceDescription(), in.rateLimit());
            } else {
                ApplicationProfile before = current(c, in.applicationProfileId(), expected);
                if (!before.applicationId().equals(in.applicationId())) {
                    throw ProtocolException.badRequest("body.applicationProfile.applicationId",
                            "a profile cannot move to another application");
                }
                saved = writer.update(tx, call.actor(), before, in.authorizedService(),
                        in.serviceInterfaceDescription(), in.rateLimit());
            }
            writer.announce(tx, saved.applicationId());
            ctx.audit().record(tx, call.actor(), "profiles.save", saved.applicationProfileId(), AuditLog.ALLOWED,
                    ctx.audit().detail().put("applicationId", saved.applicationId()).put("version", saved.version())
                            .put("service", saved.authorizedService().serviceType() + "/"
                                    + saved.authorizedService().serviceInterface()));
            return new Console.ProfileSaved(saved);
        });
    }

    CompletableFuture<Common.Empty> delete(Call<Console.DeleteProfile> call) {
        String id = call.body().applicationProfileId();
        return ctx.db().write(tx -> {
            ApplicationProfile before = current(tx.connection(), id, call.body().expectedVersion());
            writer.delete(tx, call.actor(), before);
            writer.announce(tx, before.applicationId());
            ctx.audit().record(tx, call.actor(), "profiles.delete", id, AuditLog.ALLOWED, ctx.audit().detail()
                    .put("applicationId", before.applicationId()).put("version", before.version()));
            return new Common.Empty();
        });
    }

    /** {@code getApplicationProfile}: only the application's own; another's is "not found", never "forbidden". */
    CompletableFuture<Csc14.ApplicationProfileResult> get(Call<Csc14.GetApplicationProfile> call) {
        String applicationId = call.principal(Principal.Application.class).applicationId();
        String id = call.body().applicationProfileId();
        return ctx.db().read(c -> {
            ApplicationProfile p = profiles.find(c, id).filter(found -> found.applicationId().equals(applicationId))
                    .orElseThrow(() -> ProtocolException.notFound("application profile " + id));
            StoredApplication app = ApplicationStore.find(c, applicationId)
                    .orElseThrow(() -> ProtocolException.notFound("application profile " + id));
            return new Csc14.ApplicationProfileResult(Common.Result.SUCCESS, direct.forApplication(app, p));
        });
    }

    /** The stored profile, which must be at {@code expectedVersion}. */
    private ApplicationProfile current(Connection c, String id, long expectedVersion) throws java.sql.SQLException {
        ApplicationProfile before = profiles.find(c, id)
                .orElseThrow(() -> ProtocolException.notFound("application profile " + id));
        if (before.version() != expectedVersion) {
            throw ProtocolException.conflict("application profile " + id + " is at version " + before.version()
                    + ", not " + expectedVersion + "; reload it and try again");
        }
        return before;
    }
}
