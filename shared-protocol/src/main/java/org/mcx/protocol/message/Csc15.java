package org.mcx.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.mcx.protocol.Check;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.Priority;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.model.UserAccess;

/** CSC-15: service registry server and service access server (10.X.2.5, 10.X.2.6). */
public final class Csc15 {
    private Csc15() {
    }

    public sealed interface Message extends Body {
    }

    public record ApplicationGrants(String applicationId, boolean trustedDomain,
                                    List<ApplicationProfile> applicationProfiles) {
    }

    /**
     * {@code csc15.snapshot}: page 0 (or no page) takes a new snapshot; pages 1.. of the same
     * snapshot follow on the same connection (addition: a large system's snapshot exceeds one message).
     */
    public record SnapshotRequest(Integer page) implements Message {
        public SnapshotRequest {
            if (page == null) {
                page = 0;
            } else {
                Check.range(page, "page", 0, 1_000_000);
            }
        }
    }

    /**
     * The answer to {@code csc15.snapshot}: everything a SAS node needs, as of {@code seq}. Additions:
     * {@code tokenKey}, the registry's Ed25519 public key (X.509, base64) that verifies user tokens;
     * {@code services}, where each service's instances run; {@code page} of {@code pages}: each page
     * carries a part of the lists (a pool's instances may continue on the next page), the node
     * applies the union once it has them all. Pushes start after the last page.
     */
    public record Snapshot(List<ApplicationGrants> applications, List<UserAccess> users, long seq, String tokenKey,
                           List<ServicePool> services, Integer page, Integer pages) implements Message {
        public Snapshot {
            if (page == null) {
                page = 0;
            }
            if (pages == null) {
                pages = 1;
            }
        }

        public boolean last() {
            return page + 1 >= pages;
        }
    }

    /** Where one service runs: the live instances behind a type and interface (addition). */
    public record ServicePool(ServiceType serviceType, @JsonProperty("interface") String serviceInterface,
                              List<ServiceEndpoint> instances) {
    }

    /** One instance's address, known only inside the MC system (addition). */
    public record ServiceEndpoint(String serviceId, String scheme, String host, int port, String basePath) {
    }

    /** Addition: a pool of instances changed (registered, deregistered, expired); the whole pool. */
    public record UpdateServiceInstances(ServiceType serviceType, @JsonProperty("interface") String serviceInterface,
                                         List<ServiceEndpoint> instances, long seq) implements Message {
        public UpdateServiceInstances {
            Check.required(serviceType, "serviceType");
            Check.required(serviceInterface, "interface");
            instances = Check.optionalList(instances, "instances", 100_000);
        }
    }

    /** Table 10.X.2.5-1: the application's whole current set of profiles; empty means revoked. */
    public record UpdateApplicationProfile(String applicationId, List<ApplicationProfile> applicationProfiles,
                                           long seq) implements Message {
        public UpdateApplicationProfile {
            Check.id(applicationId, "applicationId");
            applicationProfiles = Check.optionalList(applicationProfiles, "applicationProfiles", 10_000);
        }
    }

    /** A user's access changed; the fields of UserAccess, flattened, with the event's {@code seq}. */
    public record UpdateUserAccess(String mcServiceId, boolean externalAccessAllowed,
                                   List<ServiceType> allowedServices, Instant tokensRevokedBefore,
                                   Priority maxPriority, long seq) implements Message {
        public UpdateUserAccess {
            Check.id(mcServiceId, "mcServiceId");
            allowedServices = Check.optionalList(allowedServices, "allowedServices", 16);
            if (maxPriority == null) {
                maxPriority = Priority.NORMAL; // a registry from before maxPriority
            }
        }

        public UpdateUserAccess(UserAccess access, long seq) {
            this(access.mcServiceId(), access.externalAccessAllowed(), access.allowedServices(),
                    access.tokensRevokedBefore(), access.maxPriority(), seq);
        }

        public UserAccess access() {
            return new UserAccess(mcServiceId, externalAccessAllowed, allowedServices, tokensRevokedBefore,
                    maxPriority);
        }
    }

    /** Addition: refused requests of one kind, counted over a short period (at most one report a second). */
    public record Denial(String reason, String applicationId, String mcServiceId, String applicationProfileId,
                         long count, Instant firstAt, Instant lastAt) {
        public Denial {
            Check.id(reason, "reason");
            Check.optionalId(applicationId, "applicationId");
            Check.optionalId(mcServiceId, "mcServiceId");
            Check.optionalId(applicationProfileId, "applicationProfileId");
        }
    }

    /** Addition: what a service access server has done since it started. */
    /** {@code downgraded}: requests served at a lower priority than they claimed (above the user's maximum). */
    public record AccessStats(long received, long forwarded, long retried, java.util.Map<String, Long> denied,
                              java.util.Map<String, Long> shed, long downgraded, long meanForwardMicros) {
    }

    /** Addition, SAS to registry: refusals to audit (already aggregated) and the node's counters. */
    public record Report(List<Denial> denials, AccessStats stats) implements Message {
        public Report {
            denials = Check.optionalList(denials, "denials", 1000);
            Check.required(stats, "stats");
        }
    }
}
