package org.mcx.backend.registry;

/**
 * Where one live instance of a service can be reached, for the service access server's forwarding.
 * Internal topology: never shown to external applications.
 */
public record Instance(String serviceId, String scheme, String host, int port, String basePath) {

    /** {@code scheme://host:port/basePath}, with IPv6 literals bracketed. */
    public String baseUrl() {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return scheme + "://" + h + ":" + port + basePath;
    }
}
