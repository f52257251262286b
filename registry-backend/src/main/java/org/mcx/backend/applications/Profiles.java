package org.mcx.backend.applications;

import java.time.Instant;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.RateLimit;
import org.mcx.protocol.model.ServiceInterfaceDescription;
import org.mcx.protocol.model.ServiceLocation;
import org.mcx.protocol.model.ServiceRef;

/** Copies of an {@link ApplicationProfile} record with one aspect changed. */
final class Profiles {
    private Profiles() {
    }

    static ApplicationProfile withLocation(ApplicationProfile p, ServiceLocation location) {
        return new ApplicationProfile(p.applicationProfileId(), p.applicationProfileIndex(), p.applicationId(),
                p.authorizedService(), location, p.serviceInterfaceDescription(), p.version(), p.updatedAt(),
                p.updatedBy(), p.rateLimit());
    }

    /** The next version of {@code before}: the editable fields from {@code service}, {@code description} and {@code rateLimit}. */
    static ApplicationProfile nextVersion(ApplicationProfile before, ServiceRef service,
                                          ServiceInterfaceDescription description, RateLimit rateLimit, Instant at,
                                          String by) {
        return new ApplicationProfile(before.applicationProfileId(), before.applicationProfileIndex(),
                before.applicationId(), service, before.serviceLocation(), description, before.version() + 1, at, by,
                rateLimit);
    }

    static boolean sameService(ApplicationProfile p, ServiceRef service) {
        return p.authorizedService().equals(service);
    }
}
