package org.mcx.server;

import picocli.CommandLine.Option;

/** The operators' port of a server (health, readiness, metrics): the same two settings for every server. */
public final class OpsOptions {
    @Option(names = "--ops-port", defaultValue = "0",
            description = "Operators' HTTP port: /health/live, /health/ready (for a load balancer) and /metrics (Prometheus);"
                    + " 0 = none. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--ops-bind", defaultValue = "127.0.0.1",
            description = "Address of the operators' port (plain HTTP, no secrets; firewall it). Default: ${DEFAULT-VALUE}.")
    String bind;

    public int port() {
        return port;
    }

    public String bind() {
        return bind;
    }

    public boolean enabled() {
        return port > 0;
    }
}
