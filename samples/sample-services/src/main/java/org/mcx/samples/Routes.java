package org.mcx.samples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sample server's routes: method plus a path pattern whose {@code {name}} segments match any one
 * segment. Resolving tells a path nobody serves (404) from a method this path does not take (405).
 */
final class Routes {

    @FunctionalInterface
    interface Action {
        SampleResponse handle(SampleRequest request);
    }

    private record Route(String method, String[] segments, Action action, boolean readsBody) {
    }

    sealed interface Resolution {
    }

    record Found(Action action, Map<String, String> params, boolean readsBody) implements Resolution {
    }

    record NotFound() implements Resolution {
    }

    /** The path exists, but not for this method; {@code allowed} goes into the {@code Allow} header. */
    record MethodNotAllowed(Set<String> allowed) implements Resolution {
    }

    private final List<Route> routes = new ArrayList<>();

    Routes get(String pattern, Action action) {
        routes.add(new Route("GET", split(pattern), action, false));
        return this;
    }

    /** A POST route: its body is read (capped) before the action runs. */
    Routes post(String pattern, Action action) {
        routes.add(new Route("POST", split(pattern), action, true));
        return this;
    }

    Resolution resolve(String method, String path) {
        String[] segments = split(path);
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = match(route.segments(), segments);
            if (params == null) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Found(route.action(), params, route.readsBody());
            }
            allowed.add(route.method());
        }
        return allowed.isEmpty() ? new NotFound() : new MethodNotAllowed(allowed);
    }

    private static Map<String, String> match(String[] pattern, String[] path) {
        if (pattern.length != path.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), path[i]);
            } else if (!p.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    /** "/groups/fire-north/" and "/groups/fire-north" are the same path; "" and "/" are the root. */
    private static String[] split(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
