package org.mcx.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.mcx.protocol.Check;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.model.Interfaces;
import org.mcx.protocol.model.ServiceType;

/** MC service servers registering their location, with leases renewed by heartbeats. */
public final class Registration {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-:\\[\\]%]{1,253}");
    private static final Pattern BASE_PATH = Pattern.compile("(/[A-Za-z0-9._~\\-]+)*");

    private Registration() {
    }

    public sealed interface Message extends Body {
    }

    public record RegisterService(String serviceId, ServiceType serviceType,
                                  @JsonProperty("interface") String serviceInterface,
                                  List<String> protocols, String version, String scheme, String host,
                                  Integer port, String basePath, Integer ttlSeconds,
                                  Map<String, String> metadata) implements Message {
        public RegisterService {
            Check.id(serviceId, "serviceId");
            Check.required(serviceType, "serviceType");
            Interfaces.check(serviceInterface, "interface");
            protocols = Check.ids(protocols, "protocols", 1, 16);
            Check.id(version, "version");
            Check.required(scheme, "scheme");
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw ProtocolException.badRequest("scheme", "must be http or https");
            }
            Check.required(host, "host");
            if (!HOST.matcher(host).matches()) {
                throw ProtocolException.badRequest("host", "is not a host name or IP address");
            }
            Check.range(port, "port", 1, 65535);
            if (basePath == null) {
                basePath = "";
            } else if (basePath.length() > 200 || !BASE_PATH.matcher(basePath).matches()) {
                throw ProtocolException.badRequest("basePath", "must be empty or /segment/... of URL-safe characters");
            }
            Check.range(ttlSeconds, "ttlSeconds", 5, 300);
            if (metadata == null) {
                metadata = Map.of();
            } else if (metadata.size() > 32) {
                throw ProtocolException.badRequest("metadata", "at most 32 entries");
            } else {
                for (Map.Entry<String, String> e : metadata.entrySet()) {
                    Check.id(e.getKey(), "metadata");
                    Check.text(e.getValue(), "metadata." + e.getKey(), 500);
                }
                metadata = Map.copyOf(metadata);
            }
        }
    }

    public record Lease(String leaseId, int ttlSeconds) implements Message {
    }

    public record Heartbeat(String leaseId) implements Message {
        public Heartbeat {
            Check.id(leaseId, "leaseId");
        }
    }

    public record HeartbeatAck(int ttlSeconds) implements Message {
    }

    public record DeregisterService(String leaseId) implements Message {
        public DeregisterService {
            Check.id(leaseId, "leaseId");
        }
    }
}
