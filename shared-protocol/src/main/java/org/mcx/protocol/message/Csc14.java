package org.mcx.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.mcx.protocol.Check;
import org.mcx.protocol.message.Common.Result;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceCapability;
import org.mcx.protocol.model.ServiceQuery;
import org.mcx.protocol.model.ServiceRef;

/** CSC-14: external application and service registry server (10.X.2.1 to 10.X.2.10). */
public final class Csc14 {
    private Csc14() {
    }

    public sealed interface Message extends Body {
    }

    /** Table 10.X.2.1-1. */
    public record GetServiceInformation(String mcServiceId, ServiceQuery query) implements Message {
        public GetServiceInformation {
            Check.id(mcServiceId, "mcServiceId");
            if (query == null) {
                query = ServiceQuery.all();
            }
        }
    }

    /** Table 10.X.2.2-1. */
    public record ServiceInformation(Result result, List<ServiceCapability> services) implements Message {
    }

    public enum RequestType {
        @JsonProperty("authorize") AUTHORIZE,
        @JsonProperty("remove") REMOVE
    }

    /** Table 10.X.2.3-1. */
    public record UpdateAuthorization(String mcServiceId,
                                      RequestType requestType,
                                      List<ServiceRef> serviceCapabilities,
                                      ApplicationProfile applicationProfile) implements Message {
        public UpdateAuthorization {
            Check.id(mcServiceId, "mcServiceId");
            Check.required(requestType, "requestType");
            serviceCapabilities = Check.list(serviceCapabilities, "serviceCapabilities", 1, 32);
        }
    }

    /** Table 10.X.2.4-1; {@code pending} waits for an approver's decision. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuthorizationResult(Result result, List<ApplicationProfile> applicationProfiles, String reason)
            implements Message {
    }

    /** Table 10.X.2.9-1. */
    public record GetApplicationProfile(String applicationProfileId, String reference) implements Message {
        public GetApplicationProfile {
            Check.id(applicationProfileId, "applicationProfileId");
            Check.optionalId(reference, "reference");
        }
    }

    /** Table 10.X.2.10-1. */
    public record ApplicationProfileResult(Result result, ApplicationProfile applicationProfile) implements Message {
    }

    /** Table 10.X.2.7-1, sent by the server; the application answers {@link Common.ResultBody}. */
    public record NotifyApplicationProfile(String applicationProfileId, long version) implements Message {
        public NotifyApplicationProfile {
            Check.id(applicationProfileId, "applicationProfileId");
        }
    }
}
