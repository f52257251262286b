package org.mcx.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.mcx.protocol.ProtocolException;

/**
 * Addition: a profile's own rate limits at the service access server, replacing the node's defaults
 * for requests to that profile — {@code requestsPerSecond} for the application as a whole,
 * {@code perUserRequestsPerSecond} for each of its users. Either may be absent (the default applies).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RateLimit(Double requestsPerSecond, Double perUserRequestsPerSecond) {
    public RateLimit {
        check(requestsPerSecond, "requestsPerSecond");
        check(perUserRequestsPerSecond, "perUserRequestsPerSecond");
    }

    private static void check(Double rate, String field) {
        if (rate != null && (rate.isNaN() || rate <= 0 || rate > 1_000_000)) {
            throw ProtocolException.badRequest(field, "must be more than 0 and at most 1000000 requests per second");
        }
    }
}
