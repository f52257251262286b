package org.mcx.protocol.model;

import java.time.Instant;
import java.util.List;

/** What a service access server needs to know of an MC service user (CSC-15). */
public record UserAccess(String mcServiceId,
                         boolean externalAccessAllowed,
                         List<ServiceType> allowedServices,
                         Instant tokensRevokedBefore) {
}
