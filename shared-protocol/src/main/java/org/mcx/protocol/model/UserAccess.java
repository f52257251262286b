package org.mcx.protocol.model;

import java.time.Instant;
import java.util.List;

/**
 * What a service access server needs to know of an MC service user (CSC-15). {@code maxPriority}
 * is the highest {@code MC-Priority} the user may claim; absent means {@code normal}.
 */
public record UserAccess(String mcServiceId,
                         boolean externalAccessAllowed,
                         List<ServiceType> allowedServices,
                         Instant tokensRevokedBefore,
                         Priority maxPriority) {
    public UserAccess {
        if (maxPriority == null) {
            maxPriority = Priority.NORMAL;
        }
    }

    public UserAccess(String mcServiceId, boolean externalAccessAllowed, List<ServiceType> allowedServices,
                      Instant tokensRevokedBefore) {
        this(mcServiceId, externalAccessAllowed, allowedServices, tokensRevokedBefore, Priority.NORMAL);
    }
}
