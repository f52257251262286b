package org.mcx.backend.csc15;

import java.util.List;
import org.mcx.backend.store.Tx;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.UserAccess;

/**
 * Told, inside the transaction of a change, what service access servers must learn (CSC-15). The
 * feed pushes after the commit, in commit order; {@code seq} is the change's event number.
 */
public interface GrantFeed {
    void userAccessChanged(Tx tx, UserAccess access, long seq);

    void applicationProfilesChanged(Tx tx, String applicationId, boolean trustedDomain,
                                    List<ApplicationProfile> currentProfiles, long seq);
}
