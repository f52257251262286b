package org.mcx.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a sample route sees it: the path below the server's base path, the values of the
 * path's {@code {placeholders}}, the headers the service access server adds ({@code MC-Service-Id},
 * {@code MC-Priority}; null when absent) and the body, already read in full (at most 64 KiB).
 */
record SampleRequest(String method, String path, Map<String, String> params, String mcServiceId, String priority,
                     String instance, byte[] body) {

    String param(String name) {
        return params.get(name);
    }

    /** The body as a JSON object, or empty when it is not one. */
    Optional<ObjectNode> json() {
        return SampleJson.parseObject(body);
    }
}
