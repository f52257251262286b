package org.mcx.samples;

import java.util.Objects;

/** A service node's id and secret (from {@code nodes.create}); {@link #toString()} never shows the secret. */
public record NodeCredentials(String nodeId, String secret) {
    public NodeCredentials {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "NodeCredentials[nodeId=" + nodeId + ", secret=***]";
    }
}
