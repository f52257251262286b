package org.mcx.backend.applications;

import java.util.concurrent.CompletableFuture;
import org.mcx.backend.identity.Tokens;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.PeerSession;
import org.mcx.backend.transport.Principal;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Auth;

/**
 * {@code auth.application} on /csc14. The secret's hash is compared in constant time, and an
 * unknown application is compared against a dummy hash, so neither the answer nor its timing
 * tells whether an id exists. Once the answer is on the wire the session joins the
 * application's notifications, unacknowledged ones first.
 */
final class ApplicationAuth {
    static final String REFUSED = "unknown application or wrong secret";
    private static final String NO_SUCH_APPLICATION = Tokens.hash("no application has this secret");

    private final SystemContext ctx;
    private final Notifier notifier;

    ApplicationAuth(SystemContext ctx, Notifier notifier) {
        this.ctx = ctx;
        this.notifier = notifier;
    }

    CompletableFuture<Auth.ApplicationSession> authenticate(Call<Auth.ApplicationLogin> call) {
        String applicationId = call.body().applicationId();
        String presented = Tokens.hash(call.body().secret());
        return ctx.db().read(c -> ApplicationStore.find(c, applicationId)).thenApply(found -> {
            String stored = found.map(StoredApplication::secretHash).orElse(NO_SUCH_APPLICATION);
            if (!Tokens.sameHash(stored, presented) || found.isEmpty()) {
                throw new ProtocolException(ErrorCode.UNAUTHENTICATED, REFUSED);
            }
            StoredApplication app = found.get();
            PeerSession session = call.session();
            session.authenticate(new Principal.Application(app.applicationId(), app.name()));
            call.afterReply().add(() -> notifier.joined(session, app.applicationId()));
            return new Auth.ApplicationSession(app.applicationId(), app.name());
        });
    }
}
