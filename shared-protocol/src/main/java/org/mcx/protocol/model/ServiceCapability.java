package org.mcx.protocol.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** What discovery shows of a service: never where it runs nor how many instances serve it. */
public record ServiceCapability(ServiceType serviceType,
                                @JsonProperty("interface") String serviceInterface,
                                List<String> protocols,
                                String version,
                                String description,
                                List<String> capabilities) {
}
