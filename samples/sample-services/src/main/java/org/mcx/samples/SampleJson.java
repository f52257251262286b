package org.mcx.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one JSON mapper of the sample servers (thread-safe once configured). */
final class SampleJson {
    private static final Logger log = LoggerFactory.getLogger(SampleJson.class);
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private SampleJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A POJO or record as a JSON tree (records of this package only: they always convert). */
    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            // A tree built here always serializes; failing to would be a bug, not bad input.
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    /** The body as a JSON object, or empty when it is not one (the caller answers 400). */
    static Optional<ObjectNode> parseObject(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (IOException e) {
            // The client's mistake, answered 400; the parser's detail is for whoever debugs the client.
            log.debug("request body is not JSON: {}", e.toString());
            return Optional.empty();
        }
    }
}
