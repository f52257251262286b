package org.mcx.backend.applications;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.mcx.backend.BackendContext;
import org.mcx.backend.csc15.GrantFeed;
import org.mcx.backend.transport.Handlers;
import org.mcx.protocol.message.Csc15.ApplicationGrants;

/** External applications: authentication, authorization requests, application profiles, notifications. */
public final class ApplicationsModule implements AutoCloseable {
    private final BackendContext ctx;
    private final GrantFeed feed;

    public ApplicationsModule(BackendContext ctx, GrantFeed feed) {
        this.ctx = ctx;
        this.feed = feed;
    }

    public void register(Handlers handlers) {
    }

    /** Every application's trusted-domain flag and current profiles, for CSC-15 snapshots. */
    public List<ApplicationGrants> grants(Connection c) throws SQLException {
        return List.of();
    }

    @Override
    public void close() {
    }
}
