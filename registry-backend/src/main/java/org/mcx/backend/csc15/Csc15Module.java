package org.mcx.backend.csc15;

import java.util.List;
import org.mcx.backend.BackendContext;
import org.mcx.backend.store.Tx;
import org.mcx.backend.transport.Handlers;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.UserAccess;

/** CSC-15: snapshots and ordered pushes to service access server nodes. */
public final class Csc15Module implements GrantFeed {
    private final BackendContext ctx;
    private final GrantSource source;

    public Csc15Module(BackendContext ctx, GrantSource source) {
        this.ctx = ctx;
        this.source = source;
    }

    public void register(Handlers handlers) {
        // csc15.snapshot is registered when this module is implemented
    }

    @Override
    public void userAccessChanged(Tx tx, UserAccess access, long seq) {
    }

    @Override
    public void applicationProfilesChanged(Tx tx, String applicationId, boolean trustedDomain,
                                           List<ApplicationProfile> currentProfiles, long seq) {
    }
}
