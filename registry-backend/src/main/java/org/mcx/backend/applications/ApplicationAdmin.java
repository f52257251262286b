package org.mcx.backend.applications;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.identity.Tokens;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code applications.create} and {@code applications.list}. An application's secret is shown
 * once, in the create response; only its SHA-256 is stored (it is a random 256-bit token, so a
 * slow hash would add nothing).
 */
final class ApplicationAdmin {
    private static final Logger log = LoggerFactory.getLogger(ApplicationAdmin.class);

    private final SystemContext ctx;
    private final AuthorizationStore authorizations;

    ApplicationAdmin(SystemContext ctx, AuthorizationStore authorizations) {
        this.ctx = ctx;
        this.authorizations = authorizations;
    }

    CompletableFuture<Console.ApplicationCreated> create(Call<Console.CreateApplication> call) {
        Console.CreateApplication in = call.body();
        String secret = Tokens.newToken();
        return ctx.db().write(tx -> {
            String id = Ids.application();
            ApplicationStore.insert(tx.connection(), new StoredApplication(id, in.name(), in.trustedDomain(),
                    Tokens.hash(secret), Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            ctx.events().append(tx, "application.created", ctx.events().data().put("applicationId", id));
            ctx.audit().record(tx, call.actor(), "applications.create", id, AuditLog.ALLOWED,
                    ctx.audit().detail().put("name", in.name()).put("trustedDomain", in.trustedDomain()));
            tx.afterCommit(() -> log.info("{} created application {} (trusted domain: {})", call.actor(), id,
                    in.trustedDomain()));
            return new Console.ApplicationCreated(id, secret);
        });
    }

    CompletableFuture<Console.Applications> list(Call<Common.Empty> call) {
        return ctx.db().read(c -> {
            Map<String, List<Console.PendingAuthorization>> pending = new HashMap<>();
            for (StoredAuthorization a : authorizations.pending(c)) {
                pending.computeIfAbsent(a.applicationId(), k -> new ArrayList<>()).add(a.view());
            }
            return new Console.Applications(ApplicationStore.all(c).stream()
                    .map(a -> new Console.Application(a.applicationId(), a.name(), a.trustedDomain(), a.createdAt(),
                            pending.getOrDefault(a.applicationId(), List.of())))
                    .toList());
        });
    }
}
