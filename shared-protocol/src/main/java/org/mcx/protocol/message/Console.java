package org.mcx.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.mcx.protocol.Check;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Csc14.RequestType;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.Priority;
import org.mcx.protocol.model.ServiceQuery;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.ServiceType;

/** ACMC to ACMS: what the administrative console may ask (PROTOCOL.md, "the console"). */
public final class Console {
    private Console() {
    }

    public sealed interface Message extends Body {
    }

    // ----- services

    /** {@code limit} and {@code offset} (additions) page through a large registry; without them, everything. */
    public record ServicesList(ServiceQuery query, Integer limit, Integer offset) implements Message {
        public ServicesList {
            if (query == null) {
                query = ServiceQuery.all();
            }
            if (limit != null) {
                Check.range(limit, "limit", 1, 5000);
            }
            if (offset != null) {
                Check.range(offset, "offset", 0, Integer.MAX_VALUE);
            }
        }

        public ServicesList(ServiceQuery query) {
            this(query, null, null);
        }
    }

    public enum InstanceStatus {
        @JsonProperty("up") UP,
        @JsonProperty("expired") EXPIRED,
        @JsonProperty("deregistered") DEREGISTERED
    }

    public record ServiceInstance(String serviceId, String leaseId, ServiceType serviceType,
                                  @JsonProperty("interface") String serviceInterface, List<String> protocols,
                                  String version, String scheme, String host, int port, String basePath,
                                  InstanceStatus status, Instant registeredAt, Instant lastHeartbeat,
                                  int ttlSeconds, String nodeId, Map<String, String> metadata) {
    }

    /** {@code total} (addition): how many instances match, whatever page this is. */
    public record Services(List<ServiceInstance> services, int total) implements Message {
        public Services(List<ServiceInstance> services) {
            this(services, services.size());
        }
    }

    // ----- applications

    public record PendingAuthorization(String authorizationId, String mcServiceId, RequestType requestType,
                                       List<ServiceRef> serviceCapabilities, Instant requestedAt) {
    }

    public record Application(String applicationId, String name, boolean trustedDomain, Instant createdAt,
                              List<PendingAuthorization> pendingAuthorizations) {
    }

    public record Applications(List<Application> applications) implements Message {
    }

    public record CreateApplication(String name, Boolean trustedDomain) implements Message {
        public CreateApplication {
            name = Check.text(name, "name", 200);
            Check.required(trustedDomain, "trustedDomain");
        }
    }

    public record ApplicationCreated(String applicationId, String secret) implements Message {
        @Override
        public String toString() {
            return "ApplicationCreated[applicationId=" + applicationId + ", secret=***]";
        }
    }

    public enum AuthorizationDecision {
        @JsonProperty("approve") APPROVE,
        @JsonProperty("deny") DENY
    }

    public record DecideAuthorization(String authorizationId, AuthorizationDecision decision, String reason)
            implements Message {
        public DecideAuthorization {
            Check.id(authorizationId, "authorizationId");
            Check.required(decision, "decision");
            reason = Check.optionalText(reason, "reason", 2000);
        }
    }

    // ----- application profiles

    public record ListProfiles(String applicationId) implements Message {
        public ListProfiles {
            Check.optionalId(applicationId, "applicationId");
        }
    }

    public record Profiles(List<ApplicationProfile> applicationProfiles) implements Message {
    }

    public record SaveProfile(ApplicationProfile applicationProfile, Long expectedVersion) implements Message {
        public SaveProfile {
            Check.required(applicationProfile, "applicationProfile");
            Check.atLeast(expectedVersion, "expectedVersion", 0);
            if (expectedVersion > 0 && applicationProfile.applicationProfileId() == null) {
                throw ProtocolException.badRequest("applicationProfile.applicationProfileId",
                        "required when expectedVersion is not 0");
            }
        }
    }

    public record ProfileSaved(ApplicationProfile applicationProfile) implements Message {
    }

    public record DeleteProfile(String applicationProfileId, Long expectedVersion) implements Message {
        public DeleteProfile {
            Check.id(applicationProfileId, "applicationProfileId");
            Check.atLeast(expectedVersion, "expectedVersion", 1);
        }
    }

    /** Addition: every saved version of one profile, newest first. */
    public record ProfileHistory(String applicationProfileId) implements Message {
        public ProfileHistory {
            Check.id(applicationProfileId, "applicationProfileId");
        }
    }

    // ----- users

    @JsonInclude(JsonInclude.Include.NON_NULL)
    /**
     * {@code securityLevel} and {@code homeSystemId} (additions, issue 14): the user's security
     * level, and for a user who migrated here from a partner system, that system (absent for this
     * system's own users).
     */
    public record User(String mcServiceId, String displayName, List<Role> roles, boolean externalAccessAllowed,
                       List<ServiceType> allowedServices, boolean mayMigrate, Instant lockedUntil,
                       Priority maxPriority, String securityLevel, String homeSystemId) implements Message {
        public User(String mcServiceId, String displayName, List<Role> roles, boolean externalAccessAllowed,
                    List<ServiceType> allowedServices, boolean mayMigrate, Instant lockedUntil, Priority maxPriority) {
            this(mcServiceId, displayName, roles, externalAccessAllowed, allowedServices, mayMigrate, lockedUntil,
                    maxPriority, null, null);
        }
    }

    public record Users(List<User> users) implements Message {
    }

    /** {@code securityLevel} (addition, issue 14): one of the system's security levels; absent keeps it, or none. */
    public record SaveUser(String mcServiceId, String displayName, List<Role> roles, Boolean externalAccessAllowed,
                           List<ServiceType> allowedServices, Boolean mayMigrate, String password,
                           Priority maxPriority, String securityLevel) implements Message {
        /** Without {@code maxPriority}: the user may claim {@code normal} only. */
        public SaveUser(String mcServiceId, String displayName, List<Role> roles, Boolean externalAccessAllowed,
                        List<ServiceType> allowedServices, Boolean mayMigrate, String password) {
            this(mcServiceId, displayName, roles, externalAccessAllowed, allowedServices, mayMigrate, password, null, null);
        }

        public SaveUser(String mcServiceId, String displayName, List<Role> roles, Boolean externalAccessAllowed,
                        List<ServiceType> allowedServices, Boolean mayMigrate, String password, Priority maxPriority) {
            this(mcServiceId, displayName, roles, externalAccessAllowed, allowedServices, mayMigrate, password,
                    maxPriority, null);
        }

        public SaveUser {
            Check.id(mcServiceId, "mcServiceId");
            displayName = Check.text(displayName, "displayName", 200);
            roles = Check.list(roles, "roles", 0, 4);
            Check.required(externalAccessAllowed, "externalAccessAllowed");
            allowedServices = Check.list(allowedServices, "allowedServices", 0, 16);
            if (mayMigrate == null) {
                mayMigrate = Boolean.TRUE;
            }
            if (maxPriority == null) {
                maxPriority = Priority.NORMAL;
            }
            securityLevel = Check.optionalId(securityLevel, "securityLevel");
            if (password != null) {
                Check.secret(password, "password", 1024);
                if (password.length() < 8) {
                    throw ProtocolException.badRequest("password", "must be at least 8 characters");
                }
            }
        }

        @Override
        public String toString() {
            return "SaveUser[mcServiceId=" + mcServiceId + ", roles=" + roles + "]";
        }
    }

    /** Addition: removes a user, their sessions and tokens; service access servers are told. */
    public record DeleteUser(String mcServiceId) implements Message {
        public DeleteUser {
            Check.id(mcServiceId, "mcServiceId");
        }
    }

    // ----- groups (addition, issue 14: docs/acm.md)

    /**
     * One of this system's groups: its members (MC service ids, this system's users or users who
     * migrated here) and the partner systems that may be told of it ({@code sharedWith}: system ids,
     * or {@code "*"} for every partner; empty: none). {@code discloseLevels}: whether a partner's
     * {@code groups.request} learns the members' security levels.
     */
    public record Group(String groupId, String name, List<String> members, List<String> sharedWith,
                        boolean discloseLevels) implements Message {
        public Group {
            Check.id(groupId, "groupId");
            name = Check.text(name, "name", 200);
            members = members == null ? List.of() : Check.ids(members, "members", 0, Acm.MAX_USERS);
            sharedWith = sharedWith == null ? List.of() : Check.list(sharedWith, "sharedWith", 0, 1000);
            for (int i = 0; i < sharedWith.size(); i++) {
                if (!"*".equals(sharedWith.get(i))) {
                    Check.id(sharedWith.get(i), "sharedWith[" + i + "]");
                }
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < members.size(); i++) {
                if (!seen.add(members.get(i))) {
                    throw ProtocolException.badRequest("members[" + i + "]", "repeats " + members.get(i));
                }
            }
        }

        public boolean isSharedWith(String partnerSystemId) {
            return sharedWith.contains("*") || sharedWith.contains(partnerSystemId);
        }
    }

    public record Groups(List<Group> groups) implements Message {
    }

    public record DeleteGroup(String groupId) implements Message {
        public DeleteGroup {
            Check.id(groupId, "groupId");
        }
    }

    // ----- nodes

    public enum NodeKind {
        @JsonProperty("sas") SAS,
        @JsonProperty("service") SERVICE
    }

    public record CreateNode(String nodeId, NodeKind kind) implements Message {
        public CreateNode {
            Check.id(nodeId, "nodeId");
            Check.required(kind, "kind");
        }
    }

    public record NodeCreated(String nodeId, String secret) implements Message {
        @Override
        public String toString() {
            return "NodeCreated[nodeId=" + nodeId + ", secret=***]";
        }
    }

    public record Node(String nodeId, NodeKind kind, Instant createdAt, boolean connected) {
    }

    /** Addition: removes a node and closes its connections; its secret is refused from then on. */
    public record DeleteNode(String nodeId) implements Message {
        public DeleteNode {
            Check.id(nodeId, "nodeId");
        }
    }

    public record Nodes(List<Node> nodes) implements Message {
    }

    // ----- partners

    public record AutoApprove(Boolean enabled, Integer maxUsers) {
        public AutoApprove {
            Check.required(enabled, "enabled");
            Check.range(maxUsers, "maxUsers", 1, 100_000);
        }
    }

    /** {@code disclose} (addition): the server types this system may tell the partner; absent = all. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Partner(String systemId, String name, String endpoint, AutoApprove autoApprove,
                          boolean connected, List<Acms.ServerType> disclose, String certificateFingerprint,
                          Map<String, String> securityLevels)
            implements Message {
        public Partner(String systemId, String name, String endpoint, AutoApprove autoApprove, boolean connected) {
            this(systemId, name, endpoint, autoApprove, connected, null, null, null);
        }

        public Partner(String systemId, String name, String endpoint, AutoApprove autoApprove, boolean connected,
                       List<Acms.ServerType> disclose) {
            this(systemId, name, endpoint, autoApprove, connected, disclose, null, null);
        }

        public Partner(String systemId, String name, String endpoint, AutoApprove autoApprove, boolean connected,
                       List<Acms.ServerType> disclose, String certificateFingerprint) {
            this(systemId, name, endpoint, autoApprove, connected, disclose, certificateFingerprint, null);
        }
    }

    public record Partners(List<Partner> partners) implements Message {
    }

    /**
     * {@code disclose} (addition): which of this system's server types the partner may be told;
     * absent = all. Plain {@code ws://} only to a loopback address (demo, tests): a partner elsewhere
     * is reached over {@code wss://}, so its secret never crosses a network in clear.
     * {@code certificateFingerprint} (addition): the SHA-256 fingerprint of the partner's
     * certificate, for a partner whose certificate no CA vouches for (the self-signed one a backend
     * makes on first start); absent = the JVM's trusted CAs decide.
     */
    public record SavePartner(String systemId, String name, String endpoint, String secret, AutoApprove autoApprove,
                              List<Acms.ServerType> disclose, String certificateFingerprint,
                              Map<String, String> securityLevels)
            implements Message {
        private static final java.util.regex.Pattern FINGERPRINT =
                java.util.regex.Pattern.compile("[0-9A-Fa-f]{2}(:?[0-9A-Fa-f]{2}){31}");

        private static final java.util.regex.Pattern ENDPOINT =
                java.util.regex.Pattern.compile("(wss?)://([^\\s/:]+|\\[[0-9a-fA-F:.]+\\])(:[0-9]{1,5})?/acms");
        private static final int MAX_ENDPOINT = 400;

        /**
         * The URLs {@code endpoint} lists (addition): a partner system of several nodes is given each
         * node's, separated by commas, and its link moves to the next when one is down.
         */
        public static List<String> endpoints(String endpoint) {
            return java.util.Arrays.stream(endpoint.split(",", -1)).map(String::trim).toList();
        }

        public SavePartner {
            Check.id(systemId, "systemId");
            name = Check.text(name, "name", 200);
            Check.required(endpoint, "endpoint");
            if (endpoint.length() > MAX_ENDPOINT) {
                throw ProtocolException.badRequest("endpoint", "longer than " + MAX_ENDPOINT + " characters");
            }
            for (String one : endpoints(endpoint)) {
                java.util.regex.Matcher m = ENDPOINT.matcher(one);
                if (!m.matches()) {
                    throw ProtocolException.badRequest("endpoint",
                            "must be ws:// or wss:// URLs ending in /acms, separated by commas");
                }
                String host = m.group(2);
                boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
                if (m.group(1).equals("ws") && !loopback) {
                    throw ProtocolException.badRequest("endpoint", "ws:// is only allowed to a loopback address; use wss://");
                }
            }
            if (disclose != null) {
                disclose = Check.list(disclose, "disclose", 0, Acms.ServerType.values().length);
            }
            if (secret != null) {
                Check.secret(secret, "secret", 256);
                if (secret.length() < 16) {
                    throw ProtocolException.badRequest("secret", "must be at least 16 characters");
                }
            }
            Check.required(autoApprove, "autoApprove");
            securityLevels = levelMap(securityLevels);
            if (certificateFingerprint != null) {
                if (!FINGERPRINT.matcher(certificateFingerprint).matches()) {
                    throw ProtocolException.badRequest("certificateFingerprint",
                            "must be a SHA-256 fingerprint: 64 hex digits, colons optional");
                }
                if (endpoints(endpoint).stream().anyMatch(url -> url.startsWith("ws://"))) {
                    throw ProtocolException.badRequest("certificateFingerprint", "needs wss:// endpoints");
                }
            }
        }

        public SavePartner(String systemId, String name, String endpoint, String secret, AutoApprove autoApprove) {
            this(systemId, name, endpoint, secret, autoApprove, null, null, null);
        }

        public SavePartner(String systemId, String name, String endpoint, String secret, AutoApprove autoApprove,
                           List<Acms.ServerType> disclose) {
            this(systemId, name, endpoint, secret, autoApprove, disclose, null, null);
        }

        public SavePartner(String systemId, String name, String endpoint, String secret, AutoApprove autoApprove,
                           List<Acms.ServerType> disclose, String certificateFingerprint) {
            this(systemId, name, endpoint, secret, autoApprove, disclose, certificateFingerprint, null);
        }

        /** Addition (issue 14): the partner's security level names mapped to ours, at most 16; absent: same names. */
        private static Map<String, String> levelMap(Map<String, String> map) {
            if (map == null) {
                return null;
            }
            if (map.size() > 16) {
                throw ProtocolException.badRequest("securityLevels", "at most 16 levels");
            }
            Map<String, String> checked = new java.util.TreeMap<>();
            for (Map.Entry<String, String> e : map.entrySet()) {
                Check.id(e.getKey(), "securityLevels");
                checked.put(e.getKey(), Check.id(e.getValue(), "securityLevels." + e.getKey()));
            }
            return java.util.Collections.unmodifiableMap(checked);
        }

        @Override
        public String toString() {
            return "SavePartner[systemId=" + systemId + ", endpoint=" + endpoint + ", secret=***]";
        }
    }

    /** Addition: removes a partner system and its shared secret. */
    public record DeletePartner(String systemId) implements Message {
        public DeletePartner {
            Check.id(systemId, "systemId");
        }
    }

    /** Addition: one service access server node's counters as it last reported them. */
    public record AccessNode(String nodeId, boolean connected, Instant reportedAt, Csc15.AccessStats stats) {
    }

    public record AccessNodes(List<AccessNode> nodes) implements Message {
    }

    // ----- events and audit

    public record Subscribe(List<String> topics, Long sinceSeq) implements Message {
        public Subscribe {
            topics = Check.list(topics, "topics", 1, 64);
            for (int i = 0; i < topics.size(); i++) {
                if (topics.get(i).length() > 100) {
                    throw ProtocolException.badRequest("topics[" + i + "]", "longer than 100 characters");
                }
            }
            if (sinceSeq != null) {
                Check.atLeast(sinceSeq, "sinceSeq", 0);
            }
        }
    }

    public record Subscribed(long lastSeq) implements Message {
    }

    public record ListAudit(Long sinceSeq, Integer limit) implements Message {
        public ListAudit {
            if (sinceSeq != null) {
                Check.atLeast(sinceSeq, "sinceSeq", 0);
            }
            if (limit == null) {
                limit = 500;
            }
            Check.range(limit, "limit", 1, 10_000);
        }
    }

    public record AuditEntry(long seq, Instant at, String actor, String action, String target, String outcome,
                             JsonNode detail) {
    }

    public record AuditEntries(List<AuditEntry> entries) implements Message {
    }
}
