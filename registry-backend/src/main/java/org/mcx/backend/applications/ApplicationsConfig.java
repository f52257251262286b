package org.mcx.backend.applications;

import org.mcx.protocol.model.ServiceLocation;

/**
 * Where applications reach services, and whether trusted-domain applications may bypass the
 * service access server.
 *
 * @param sasScheme           {@code https} with TLS, else {@code http}
 * @param sasHost             the host name applications use for the service access server
 * @param sasPort             its port
 * @param trustedDirectAccess trusted-domain applications get services' own locations (10.X.5 NOTE)
 */
public record ApplicationsConfig(String sasScheme, String sasHost, int sasPort, boolean trustedDirectAccess) {
    /** The service access server's address for a base path (10.X.1, table 10.X.1-1). */
    public ServiceLocation sasLocation(String basePath) {
        return new ServiceLocation(sasScheme, sasHost, sasPort, basePath);
    }
}
