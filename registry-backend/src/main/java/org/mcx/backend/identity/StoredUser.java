package org.mcx.backend.identity;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.Priority;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.model.UserAccess;

/**
 * A user row, password hash included: never leaves the identity package as such. {@code homeSystemId}
 * is the partner system a migrated user came from (null for this system's own users).
 */
record StoredUser(String mcServiceId, String displayName, Set<Role> roles, boolean externalAccessAllowed,
                  List<ServiceType> allowedServices, boolean mayMigrate, String passwordHash,
                  Instant tokensRevokedBefore, Priority maxPriority, String securityLevel, String homeSystemId) {

    StoredUser(String mcServiceId, String displayName, Set<Role> roles, boolean externalAccessAllowed,
               List<ServiceType> allowedServices, boolean mayMigrate, String passwordHash, Instant tokensRevokedBefore,
               Priority maxPriority) {
        this(mcServiceId, displayName, roles, externalAccessAllowed, allowedServices, mayMigrate, passwordHash,
                tokensRevokedBefore, maxPriority, null, null);
    }

    Console.User view(Instant lockedUntil) {
        return new Console.User(mcServiceId, displayName, List.copyOf(roles), externalAccessAllowed,
                allowedServices, mayMigrate, lockedUntil, maxPriority, securityLevel, homeSystemId);
    }

    UserAccess access() {
        return new UserAccess(mcServiceId, externalAccessAllowed, allowedServices, tokensRevokedBefore, maxPriority);
    }
}
