package org.mcx.example;

import java.time.Instant;
import java.util.List;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceCapability;
import org.mcx.protocol.model.ServiceRef;

/** What the {@link ExampleApplication} did, step by step (10.X.3 to 10.X.5), for a console or a test to follow. */
public sealed interface ExampleEvent {

    /** Authenticated on /csc14 as the application. */
    record Connected(String applicationId, String name) implements ExampleEvent {
    }

    /** Got a user token ({@code auth.user}) for the MC service user it acts for; renewed before {@code expiresAt}. */
    record UserAuthenticated(String mcServiceId, Instant expiresAt) implements ExampleEvent {
    }

    /** 10.X.3 steps 1-2: the services offered to this user (never where they run). */
    record Discovered(List<ServiceCapability> services) implements ExampleEvent {
    }

    /** 10.X.3 step 5 answered {@code pending}: an administrator decides; a notification follows. */
    record AuthorizationPending(String reason) implements ExampleEvent {
    }

    /** The profiles the application now calls; sent whenever that set or one of them changes. */
    record Configured(List<ApplicationProfile> profiles) implements ExampleEvent {
    }

    /**
     * 10.X.5: one call through the service access server. {@code status} is the HTTP status, or 0
     * when no answer came ({@code failure} says why: connection refused, timeout...).
     */
    record Called(String applicationProfileId, ServiceRef service, int status, long latencyMs, String failure)
            implements ExampleEvent {
    }

    /** 10.X.4: a notified profile was fetched again; {@code profile} is null when it was deleted. */
    record ProfileChanged(String applicationProfileId, long version, ApplicationProfile profile) implements ExampleEvent {
        public boolean deleted() {
            return profile == null;
        }
    }

    /** Something failed; the application carries on where it can (and retries what it can). */
    record Error(String message) implements ExampleEvent {
    }
}
