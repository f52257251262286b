package org.mcx.protocol.message;

import java.time.Instant;
import java.util.List;
import org.mcx.protocol.Check;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.model.UserAccess;

/** CSC-15: service registry server and service access server (10.X.2.5, 10.X.2.6). */
public final class Csc15 {
    private Csc15() {
    }

    public sealed interface Message extends Body {
    }

    public record ApplicationGrants(String applicationId, boolean trustedDomain,
                                    List<ApplicationProfile> applicationProfiles) {
    }

    /** The answer to {@code csc15.snapshot}: everything a SAS node needs, as of {@code seq}. */
    public record Snapshot(List<ApplicationGrants> applications, List<UserAccess> users, long seq)
            implements Message {
    }

    /** Table 10.X.2.5-1: the application's whole current set of profiles; empty means revoked. */
    public record UpdateApplicationProfile(String applicationId, List<ApplicationProfile> applicationProfiles,
                                           long seq) implements Message {
        public UpdateApplicationProfile {
            Check.id(applicationId, "applicationId");
            applicationProfiles = Check.optionalList(applicationProfiles, "applicationProfiles", 10_000);
        }
    }

    /** A user's access changed; the fields of UserAccess, flattened, with the event's {@code seq}. */
    public record UpdateUserAccess(String mcServiceId, boolean externalAccessAllowed,
                                   List<ServiceType> allowedServices, Instant tokensRevokedBefore,
                                   long seq) implements Message {
        public UpdateUserAccess {
            Check.id(mcServiceId, "mcServiceId");
            allowedServices = Check.optionalList(allowedServices, "allowedServices", 16);
        }

        public UserAccess access() {
            return new UserAccess(mcServiceId, externalAccessAllowed, allowedServices, tokensRevokedBefore);
        }
    }
}
