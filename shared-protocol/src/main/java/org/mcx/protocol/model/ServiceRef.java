package org.mcx.protocol.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.mcx.protocol.Check;

/** A service as an application names it: its type and the interface it is reached through. */
public record ServiceRef(ServiceType serviceType, @JsonProperty("interface") String serviceInterface) {
    public ServiceRef {
        Check.required(serviceType, "serviceType");
        Interfaces.check(serviceInterface, "interface");
    }
}
