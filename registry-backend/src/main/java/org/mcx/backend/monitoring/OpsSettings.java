package org.mcx.backend.monitoring;

/**
 * Where the operators' port ({@link OpsServer}) listens.
 *
 * @param host address to bind; loopback unless a load balancer or Prometheus elsewhere must reach it
 * @param port 0 for none (off), else the port
 */
public record OpsSettings(String host, int port) {
    public static OpsSettings none() {
        return new OpsSettings("127.0.0.1", 0);
    }

    public boolean enabled() {
        return port > 0;
    }
}
