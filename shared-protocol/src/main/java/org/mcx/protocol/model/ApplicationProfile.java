package org.mcx.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.mcx.protocol.Check;

/**
 * An application profile (table 10.X.1-1). As input to {@code profiles.save} only
 * {@code applicationId} and {@code authorizedService} are required; the server sets the id of a
 * new profile, its location, version and update stamp. {@code rateLimit} (addition, optional) is
 * the profile's own limits at the service access server.
 */
public record ApplicationProfile(String applicationProfileId,
                                 Integer applicationProfileIndex,
                                 String applicationId,
                                 ServiceRef authorizedService,
                                 ServiceLocation serviceLocation,
                                 ServiceInterfaceDescription serviceInterfaceDescription,
                                 Long version,
                                 Instant updatedAt,
                                 String updatedBy,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) RateLimit rateLimit) {
    /** A profile with the service access server's default rate limits. */
    public ApplicationProfile(String applicationProfileId, Integer applicationProfileIndex, String applicationId,
                              ServiceRef authorizedService, ServiceLocation serviceLocation,
                              ServiceInterfaceDescription serviceInterfaceDescription, Long version, Instant updatedAt,
                              String updatedBy) {
        this(applicationProfileId, applicationProfileIndex, applicationId, authorizedService, serviceLocation,
                serviceInterfaceDescription, version, updatedAt, updatedBy, null);
    }

    public ApplicationProfile {
        Check.optionalId(applicationProfileId, "applicationProfileId");
        Check.id(applicationId, "applicationId");
        Check.required(authorizedService, "authorizedService");
        if (applicationProfileIndex != null) {
            Check.range(applicationProfileIndex, "applicationProfileIndex", 0, 1_000_000);
        }
        if (serviceInterfaceDescription == null) {
            serviceInterfaceDescription = ServiceInterfaceDescription.empty();
        }
    }
}
