package org.mcx.backend.applications;

import java.util.function.Function;
import org.mcx.protocol.model.ServiceLocation;

/**
 * Where an application reaches the service of one profile (table 10.X.1-1, "service location
 * information"): always the service access server's address, never the service's, with the base
 * path {@code /services/{applicationProfileId}}.
 *
 * <p>Why this path: it is stable for the profile's whole life (the id never changes and is never
 * reused), it names exactly one application and one service, and it reveals nothing about the
 * internal topology. The service access server routes by it: the first segment after
 * {@code /services/} is the profile id, which gives the application (to be matched against the
 * bearer token's application) and the service type and interface (to pick a live instance). The
 * rest of the request path is passed on to the service.
 *
 * <p>The location is derived on every read rather than stored, so a changed SAS host or port
 * (configuration) shows in every profile at once.
 */
final class ProfileLocations implements Function<String, ServiceLocation> {
    static final String PREFIX = "/services/";

    private final ApplicationsConfig config;

    ProfileLocations(ApplicationsConfig config) {
        this.config = config;
    }

    static String basePath(String applicationProfileId) {
        return PREFIX + applicationProfileId;
    }

    @Override
    public ServiceLocation apply(String applicationProfileId) {
        return config.sasLocation(basePath(applicationProfileId));
    }
}
