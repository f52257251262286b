package org.mcx.protocol.model;

import java.util.List;
import org.mcx.protocol.Check;

/** What the application may use of the service interface (table 10.X.1-1). */
public record ServiceInterfaceDescription(List<String> protocols, List<String> capabilities, List<String> messages) {
    public ServiceInterfaceDescription {
        protocols = Check.optionalList(protocols, "protocols", 32);
        capabilities = Check.optionalList(capabilities, "capabilities", 256);
        messages = Check.optionalList(messages, "messages", 256);
        for (int i = 0; i < capabilities.size(); i++) {
            Check.text(capabilities.get(i), "capabilities[" + i + "]", 200);
        }
        for (int i = 0; i < messages.size(); i++) {
            Check.text(messages.get(i), "messages[" + i + "]", 200);
        }
        for (int i = 0; i < protocols.size(); i++) {
            Check.id(protocols.get(i), "protocols[" + i + "]");
        }
    }

    public static ServiceInterfaceDescription empty() {
        return new ServiceInterfaceDescription(List.of(), List.of(), List.of());
    }
}
