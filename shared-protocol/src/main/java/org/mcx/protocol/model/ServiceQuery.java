package org.mcx.protocol.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.mcx.protocol.Check;

/** Optional criteria narrowing a discovery (table 10.X.2.1-1, query parameters list). */
public record ServiceQuery(ServiceType serviceType,
                           @JsonProperty("interface") String serviceInterface,
                           String protocol,
                           String version,
                           String text) {
    public ServiceQuery {
        if (serviceInterface != null) {
            Interfaces.check(serviceInterface, "interface");
        }
        Check.optionalId(protocol, "protocol");
        Check.optionalId(version, "version");
        text = Check.optionalText(text, "text", 200);
    }

    public static ServiceQuery all() {
        return new ServiceQuery(null, null, null, null, null);
    }
}
