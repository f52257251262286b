package org.mcx.backend.identity;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.Priority;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.model.UserAccess;

/** A user row, password hash included: never leaves the identity package as such. */
record StoredUser(String mcServiceId, String displayName, Set<Role> roles, boolean externalAccessAllowed,
                  List<ServiceType> allowedServices, boolean mayMigrate, String passwordHash,
                  Instant tokensRevokedBefore, Priority maxPriority) {

    Console.User view(Instant lockedUntil) {
        return new Console.User(mcServiceId, displayName, List.copyOf(roles), externalAccessAllowed,
                allowedServices, mayMigrate, lockedUntil, maxPriority);
    }

    UserAccess access() {
        return new UserAccess(mcServiceId, externalAccessAllowed, allowedServices, tokensRevokedBefore, maxPriority);
    }
}
