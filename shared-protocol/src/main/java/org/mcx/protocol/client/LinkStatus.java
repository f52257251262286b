package org.mcx.protocol.client;

import java.time.Duration;

/**
 * A change of the link's state. {@code reason} is a human-readable explanation (never a secret);
 * {@code closeCode} is the WebSocket close code that caused it (4401 authentication timeout, 4429
 * flooding, 1009 message too big, ...) or 0; {@code retryIn} is the delay before the next attempt
 * when the state is {@link LinkState#RECONNECTING}, else null.
 */
public record LinkStatus(LinkState state, String reason, int closeCode, Duration retryIn) {

    static LinkStatus of(LinkState state, String reason) {
        return new LinkStatus(state, reason, 0, null);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(state.name());
        if (reason != null) {
            sb.append(": ").append(reason);
        }
        if (retryIn != null) {
            sb.append(" (next attempt in ").append(retryIn.toMillis()).append(" ms)");
        }
        return sb.toString();
    }
}
