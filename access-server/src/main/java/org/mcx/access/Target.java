package org.mcx.access;

import org.mcx.protocol.message.Csc15.ServiceEndpoint;
import org.mcx.protocol.model.Priority;

/** Where one authorized request goes, decided by the checks and read by the forwarding. */
record Target(Grants.Route route, Pool pool, ServiceEndpoint instance, String rest, String mcServiceId,
              Priority priority, boolean retried) {
    static final String ATTRIBUTE = "mcx.access.target";

    Target to(ServiceEndpoint other) {
        return new Target(route, pool, other, rest, mcServiceId, priority, true);
    }

    /** The upstream URL's path: the instance's base path, then what followed the profile in ours. */
    String upstreamPath() {
        String base = instance.basePath() == null ? "" : instance.basePath();
        return base + (rest.isEmpty() ? "/" : rest);
    }

    /** What the application sees instead of the upstream's base path. */
    String publicPrefix() {
        return "/services/" + route.applicationProfileId();
    }
}
