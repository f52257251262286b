package org.mcx.protocol.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.mcx.protocol.Envelope;
import org.mcx.protocol.EnvelopeException;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Common;

/**
 * Reads and writes envelopes. Every body is validated here, once: a missing, null or ill-typed
 * field, or one a record's constructor refuses, becomes {@code BAD_REQUEST} naming the field as a
 * path from the envelope ({@code body.query.serviceType}). Unknown fields are ignored.
 */
public final class Codec {
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;
    public static final int MAX_NESTING_DEPTH = 32;

    private final ObjectMapper mapper;
    private final int maxMessageBytes;
    public Codec() {
        this(DEFAULT_MAX_MESSAGE_BYTES);
    }

    public Codec(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
        this.mapper = newMapper(maxMessageBytes);
    }

    /** The strict mapper the codec uses; for callers that persist bodies as JSON. */
    public ObjectMapper mapper() {
        return mapper;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    static ObjectMapper newMapper(int maxMessageBytes) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(maxMessageBytes)
                        .maxNumberLength(40)
                        .build())
                .build();
        JsonMapper mapper = JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        // No silent coercion: "5" is not a number, 5 is not a string, 1 is not true.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType numeric : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(numeric)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return mapper;
    }

    // ----------------------------------------------------------------- reading

    /** Reads a frame's header; the body stays a tree. */
    public Envelope parse(String text) {
        if (text.length() > maxMessageBytes || utf8Length(text) > maxMessageBytes) {
            throw new EnvelopeException(ErrorCode.TOO_LARGE,
                    "message larger than " + maxMessageBytes + " bytes", null, TopLevelId.find(text));
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (StreamConstraintsException e) {
            // The JSON is well formed up to the limit: its id, if it has one, addresses the refusal.
            throw new EnvelopeException(ErrorCode.BAD_REQUEST, "JSON nested too deeply or too long", null,
                    TopLevelId.find(text));
        } catch (JsonProcessingException e) {
            throw new EnvelopeException(ErrorCode.BAD_REQUEST, "malformed JSON", null, null);
        }
        if (root == null || !root.isObject()) {
            throw new EnvelopeException(ErrorCode.BAD_REQUEST, "a message must be a JSON object", null, null);
        }
        JsonNode idNode = root.get("id");
        String id = null;
        if (idNode != null && !idNode.isNull()) {
            if (!idNode.isTextual() || !TopLevelId.isValid(idNode.asText())) {
                // A lone surrogate cannot travel back in UTF-8 unchanged, so such an id is unreadable too.
                throw new EnvelopeException(ErrorCode.BAD_REQUEST,
                        "must be a string of 1-64 characters of well-formed Unicode", "id", null);
            }
            id = idNode.asText();
        }
        JsonNode reNode = root.get("re");
        String re = reNode != null && reNode.isTextual() ? reNode.asText() : null;
        JsonNode v = root.get("v");
        if (v == null || v.isNull()) {
            throw new EnvelopeException(ErrorCode.BAD_REQUEST, "required field is missing or null", "v", id);
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new EnvelopeException(ErrorCode.BAD_REQUEST, "must be an integer", "v", id);
        }
        if (v.intValue() != Envelope.VERSION) {
            throw new EnvelopeException(ErrorCode.UNSUPPORTED_VERSION,
                    "protocol version " + v.intValue() + " is not supported; this server speaks " + Envelope.VERSION,
                    "v", id);
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual() || type.asText().isEmpty() || type.asText().length() > 100) {
            throw new EnvelopeException(ErrorCode.BAD_REQUEST, "must be a non-empty string", "type", id);
        }
        JsonNode body = root.get("body");
        if (body != null && !body.isNull() && !body.isObject()) {
            throw new EnvelopeException(ErrorCode.BAD_REQUEST, "must be a JSON object", "body", id);
        }
        // An error answering an unreadable frame carries "re": null; it is still an error, not a request.
        boolean unaddressedError = Envelope.ERROR.equals(type.asText()) && root.has("re");
        if (id == null && re == null && !Envelope.EVENT.equals(type.asText()) && !unaddressedError) {
            throw new EnvelopeException(ErrorCode.BAD_REQUEST, "required field is missing or null", "id", null);
        }
        return new Envelope(Envelope.VERSION, id, re, type.asText(), body == null || body.isNull() ? null : body);
    }

    /** Decodes and validates a body; an absent body is an empty object. */
    public <T extends Body> T decode(JsonNode body, Class<T> type) {
        try {
            JsonNode tree = body == null ? mapper.createObjectNode() : body;
            return mapper.treeToValue(tree, type);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof ProtocolException cause) {
                String at = path(e);
                String field = cause.field() == null ? at : at + "." + cause.field();
                throw ProtocolException.badRequest(field, cause.getMessage());
            }
            throw ProtocolException.badRequest(path(e), "invalid value");
        } catch (com.fasterxml.jackson.databind.exc.InvalidTypeIdException e) {
            throw kindRefused(e);
        } catch (MismatchedInputException e) {
            String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
            String message = e.getMessage() != null && e.getMessage().contains("null")
                    ? "required field is missing or null" : "must be " + expected;
            throw ProtocolException.badRequest(path(e), message);
        } catch (JsonMappingException e) {
            throw ProtocolException.badRequest(path(e), "invalid value");
        } catch (JsonProcessingException e) {
            throw ProtocolException.badRequest("body", "invalid body");
        }
    }

    /** A polymorphic part (an ACM request's content) whose kind is missing or unknown: names the kind's property. */
    private static ProtocolException kindRefused(com.fasterxml.jackson.databind.exc.InvalidTypeIdException e) {
        Class<?> base = e.getBaseType() == null ? null : e.getBaseType().getRawClass();
        com.fasterxml.jackson.annotation.JsonTypeInfo info = base == null ? null
                : base.getAnnotation(com.fasterxml.jackson.annotation.JsonTypeInfo.class);
        com.fasterxml.jackson.annotation.JsonSubTypes kinds = base == null ? null
                : base.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class);
        if (info == null || kinds == null) {
            return ProtocolException.badRequest(path(e), "invalid value");
        }
        String names = java.util.Arrays.stream(kinds.value()).map(com.fasterxml.jackson.annotation.JsonSubTypes.Type::name)
                .collect(java.util.stream.Collectors.joining(", "));
        return ProtocolException.badRequest(path(e) + "." + info.property(), "must be one of " + names);
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of the allowed values";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 UTC timestamp";
        }
        return "an object";
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder("body");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The length of {@code s} encoded as UTF-8, without encoding it. */
    public static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    // ----------------------------------------------------------------- writing

    public String request(String id, MessageType type, Body body) {
        return write(id, null, false, type.wireName(), body);
    }

    public String response(String re, MessageType type, Body body) {
        return write(null, re, true, type.wireName(), body);
    }

    public String error(String re, ErrorCode code, String message, String field) {
        return write(null, re, true, Envelope.ERROR, new Common.ErrorBody(code, message, field));
    }

    public String error(String re, ProtocolException e) {
        return error(re, e.code(), e.getMessage(), e.field());
    }

    public String event(Common.Event event) {
        return write(null, null, false, Envelope.EVENT, event);
    }

    private String write(String id, String re, boolean writeRe, String type, Body body) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("v", Envelope.VERSION);
            if (id != null) {
                g.writeStringField("id", id);
            }
            if (writeRe) {
                g.writeStringField("re", re);
            }
            g.writeStringField("type", type);
            g.writeFieldName("body");
            mapper.writeValue(g, body);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
