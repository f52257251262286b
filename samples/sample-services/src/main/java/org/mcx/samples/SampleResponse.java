package org.mcx.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a sample route answers: a status, a JSON object and any extra headers. */
record SampleResponse(int status, ObjectNode body, Map<String, String> headers) {

    static SampleResponse ok(ObjectNode body) {
        return new SampleResponse(200, body, Map.of());
    }

    static SampleResponse created(ObjectNode body) {
        return new SampleResponse(201, body, Map.of());
    }

    /** Errors carry a short code for programs and a sentence for people. */
    static SampleResponse error(int status, String code, String message) {
        ObjectNode body = SampleJson.object().put("error", code).put("message", message);
        return new SampleResponse(status, body, Map.of());
    }

    static SampleResponse badRequest(String message) {
        return error(400, "bad-request", message);
    }

    static SampleResponse notFound(String message) {
        return error(404, "not-found", message);
    }

    /** A one-field answer: {@code {"name": value}}. */
    static SampleResponse ok(String name, JsonNode value) {
        ObjectNode body = SampleJson.object();
        body.set(name, value);
        return ok(body);
    }

    SampleResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SampleResponse(status, body, Map.copyOf(more));
    }
}
