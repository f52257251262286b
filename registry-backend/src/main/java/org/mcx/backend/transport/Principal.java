package org.mcx.backend.transport;

import java.util.Set;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Console.NodeKind;

/** Who is on the other end of a connection, once it has authenticated. */
public sealed interface Principal {
    /** A name for the audit log and the logs; never a secret. */
    String name();

    record ConsoleUser(String mcServiceId, String displayName, Set<Role> roles, String sessionTokenHash)
            implements Principal {
        public boolean may(Role required) {
            return roles.stream().anyMatch(r -> r.grants(required));
        }

        @Override
        public String name() {
            return mcServiceId;
        }
    }

    record Application(String applicationId, String applicationName) implements Principal {
        @Override
        public String name() {
            return "application:" + applicationId;
        }
    }

    record Node(String nodeId, NodeKind kind) implements Principal {
        @Override
        public String name() {
            return "node:" + nodeId;
        }
    }

    record Partner(String systemId) implements Principal {
        @Override
        public String name() {
            return "partner:" + systemId;
        }
    }
}
