package org.mcx.backend.applications;

import java.time.Instant;
import java.util.List;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14.RequestType;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceRef;

/** An authorizations row: one request of 10.X.3 step 3, pending or decided. */
record StoredAuthorization(String authorizationId, String applicationId, String mcServiceId,
                           RequestType requestType, List<ServiceRef> capabilities, String status,
                           Instant requestedAt, ApplicationProfile requestedProfile) {
    static final String PENDING = "pending";
    static final String APPROVED = "approved";
    static final String DENIED = "denied";

    Console.PendingAuthorization view() {
        return new Console.PendingAuthorization(authorizationId, mcServiceId, requestType, capabilities, requestedAt);
    }
}
