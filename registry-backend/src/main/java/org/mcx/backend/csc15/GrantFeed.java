package org.mcx.backend.csc15;

import java.sql.SQLException;
import java.util.List;
import org.mcx.backend.store.Tx;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.UserAccess;

/**
 * Told, inside the transaction of a change, what service access servers must learn (CSC-15). The
 * feed records it in the event log, so that every node pushes it to the service access servers
 * connected to it, in the log's order.
 */
public interface GrantFeed {
    void userAccessChanged(Tx tx, UserAccess access) throws SQLException;

    void applicationProfilesChanged(Tx tx, String applicationId, boolean trustedDomain,
                                    List<ApplicationProfile> currentProfiles) throws SQLException;
}
