package org.mcx.access;

import java.net.URI;

/**
 * {@code Location} and {@code Content-Location} from an instance point back through this server:
 * upstream {@code http://10.0.4.17:9080/gm/groups/7} becomes {@code /services/ap-…/groups/7}.
 */
final class LocationRewriter {
    private LocationRewriter() {
    }

    static String rewrite(String location, Target target) {
        String path;
        try {
            URI uri = URI.create(location);
            if (uri.isAbsolute() && !target.instance().host().equalsIgnoreCase(uri.getHost())) {
                return location; // somewhere outside the MC system: nothing internal to hide
            }
            path = uri.getRawPath() == null ? "" : uri.getRawPath();
            if (uri.getRawQuery() != null) {
                path += "?" + uri.getRawQuery();
            }
        } catch (IllegalArgumentException e) {
            return target.publicPrefix();
        }
        String base = target.instance().basePath() == null ? "" : target.instance().basePath();
        if (!base.isEmpty() && path.startsWith(base)) {
            path = path.substring(base.length());
        } else if (!path.startsWith("/")) {
            return location; // relative to the current resource: already says nothing of the inside
        }
        return target.publicPrefix() + path;
    }
}
