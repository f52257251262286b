package org.mcx.samples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mcx.protocol.model.ServiceType;

/**
 * The four sample MC service servers (TS 23.280 5.2.8): what each registers as, where its paths
 * live, and what discovery shows of it.
 */
public enum SampleKind {
    GM(ServiceType.GM, "CSC-2", "/gm", "Group management",
            List.of("groups", "members"),
            List.of("GET /groups", "GET /groups/{id}", "GET /groups/{id}/members", "POST /groups/{id}/members")),
    CM(ServiceType.CM, "CSC-4", "/cm", "Configuration management",
            List.of("user-configuration", "service-configuration"),
            List.of("GET /configuration/users/{mcServiceId}", "GET /configuration/service")),
    MCPTT(ServiceType.MCPTT, "MCPTT-1", "/mcptt", "Mission-critical push to talk",
            List.of("group-call", "private-call", "emergency-call"),
            List.of("GET /capabilities", "POST /calls", "GET /calls/{id}")),
    IDM(ServiceType.IDM, "CSC-1", "/idm", "Identity management",
            List.of("userinfo"),
            List.of("GET /identity/userinfo"));

    /** Every sample speaks version 1.0 of its interface; discovery groups capabilities by version. */
    public static final String VERSION = "1.0";

    private final ServiceType serviceType;
    private final String serviceInterface;
    private final String defaultBasePath;
    private final String description;
    private final List<String> capabilities;
    private final List<String> messages;

    SampleKind(ServiceType serviceType, String serviceInterface, String defaultBasePath, String description,
               List<String> capabilities, List<String> messages) {
        this.serviceType = serviceType;
        this.serviceInterface = serviceInterface;
        this.defaultBasePath = defaultBasePath;
        this.description = description;
        this.capabilities = capabilities;
        this.messages = messages;
    }

    public ServiceType serviceType() {
        return serviceType;
    }

    public String serviceInterface() {
        return serviceInterface;
    }

    public String defaultBasePath() {
        return defaultBasePath;
    }

    public String description() {
        return description;
    }

    public List<String> capabilities() {
        return capabilities;
    }

    public List<String> messages() {
        return messages;
    }

    /** What the registry shows in discovery: comma-separated lists, as docs/protocol.md describes. */
    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("description", description);
        m.put("capabilities", String.join(",", capabilities));
        m.put("messages", String.join(",", messages));
        return m;
    }

    /** The routes of this kind of server, over the data its instances share. */
    Routes routes(SampleData data) {
        return switch (this) {
            case GM -> GroupManagementApi.routes(data.groups());
            case CM -> ConfigurationApi.routes(data.groups());
            case MCPTT -> PushToTalkApi.routes(data.groups(), data.calls());
            case IDM -> IdentityApi.routes();
        };
    }
}
