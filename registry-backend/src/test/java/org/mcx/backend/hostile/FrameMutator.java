package org.mcx.backend.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Turns a valid frame into a hostile one, reproducibly from a seed: values of the wrong type,
 * sizes and numbers at the edges, strings no form would let through, missing and unknown fields,
 * another message type with this body — and, on the text itself, flipped, cut, repeated and
 * inserted characters that no JSON library would produce.
 */
final class FrameMutator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] ODD_STRINGS = {
        "", " ", "\u0000", "\ud800", "\udfff", "\ud83d\ude00", "e\u0301", "\u202e", "\ufeff", "..", "../../etc/passwd",
        "' OR 1=1 --", "<script>alert(1)</script>", "%00", "%s%n", "${jndi:ldap://x}", "\r\nX-Injected: 1",
        "2026-13-45T99:99:99Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "NaN", "-0", "null",
        "GM", "emergency", "approve", "SAS", "ADMIN", "sip:admin@evil", "http://[::1]:0/", "a".repeat(65),
    };
    private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "-", "1e999",
        "\\u", "\\ud800", "\u0000", "\n", "\"id\":\"x\",", "\"v\":1,", "{\"a\":"};

    private final Random random;
    private final List<String> knownTypes;

    FrameMutator(Random random, List<String> knownTypes) {
        this.random = random;
        this.knownTypes = knownTypes;
    }

    /** One to three mutations of {@code frame}, on its tree or its text. */
    String mutate(String frame) {
        String result = frame;
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            result = random.nextInt(3) == 0 ? mutateText(result) : mutateTree(result);
        }
        return result;
    }

    private String mutateTree(String frame) {
        JsonNode root;
        try {
            root = JSON.readTree(frame);
        } catch (Exception notJsonAnyMore) {
            return mutateText(frame);
        }
        if (!(root instanceof ObjectNode object)) {
            return mutateText(frame);
        }
        List<Slot> slots = new ArrayList<>();
        collect(object, slots, 0);
        Slot slot = slots.get(random.nextInt(slots.size()));
        switch (random.nextInt(6)) {
            case 0 -> slot.remove();
            case 1 -> slot.parent().set("x" + random.nextInt(100), oddValue());
            case 2 -> {
                if (slot.parent() == object && random.nextBoolean()) {
                    object.put("type", knownTypes.get(random.nextInt(knownTypes.size())));
                } else {
                    slot.replace(oddValue());
                }
            }
            default -> slot.replace(oddValue());
        }
        return root.toString();
    }

    private String mutateText(String frame) {
        StringBuilder s = new StringBuilder(frame);
        if (s.length() == 0) {
            return TOKENS[random.nextInt(TOKENS.length)];
        }
        int at = random.nextInt(s.length());
        switch (random.nextInt(6)) {
            case 0 -> s.setCharAt(at, (char) random.nextInt(0x3000));
            case 1 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(8)));
            case 2 -> s.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
            case 3 -> s.setLength(at);
            case 4 -> {
                int end = Math.min(s.length(), at + 1 + random.nextInt(30));
                String span = s.substring(at, end);
                s.insert(end, span.repeat(1 + random.nextInt(50)));
            }
            default -> s.insert(at, "\\u" + Integer.toHexString(0xd800 + random.nextInt(0x800)));
        }
        return s.toString();
    }

    private JsonNode oddValue() {
        return switch (random.nextInt(14)) {
            case 0 -> NODES.textNode(ODD_STRINGS[random.nextInt(ODD_STRINGS.length)]);
            case 1 -> NODES.textNode(randomString(1 + random.nextInt(300)));
            case 2 -> NODES.textNode("x".repeat(random.nextBoolean() ? 70_000 : 1_100_000));
            case 3 -> NODES.numberNode(new long[] {-1, 0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE,
                Long.MIN_VALUE}[random.nextInt(7)]);
            case 4 -> NODES.numberNode(new double[] {1.5, -0.0, 1e308, 4.9e-324, 1e20}[random.nextInt(5)]);
            case 5 -> NODES.numberNode(new java.math.BigInteger("9".repeat(1 + random.nextInt(60))));
            case 6 -> NODES.booleanNode(random.nextBoolean());
            case 7 -> NODES.nullNode();
            case 8 -> NODES.arrayNode();
            case 9 -> NODES.objectNode();
            case 10 -> nested(random.nextInt(2) == 0 ? 20 : 40);
            case 11 -> manyOf(NODES.textNode("GM"), random.nextBoolean() ? 100 : 20_000);
            case 12 -> manyFields(random.nextBoolean() ? 100 : 20_000);
            default -> NODES.textNode(randomString(random.nextInt(20)) + ODD_STRINGS[random.nextInt(ODD_STRINGS.length)]);
        };
    }

    private JsonNode nested(int depth) {
        JsonNode n = NODES.textNode("deep");
        for (int i = 0; i < depth; i++) {
            n = random.nextBoolean() ? NODES.arrayNode().add(n) : NODES.objectNode().set("a", n);
        }
        return n;
    }

    private static ArrayNode manyOf(JsonNode element, int count) {
        ArrayNode a = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            a.add(element);
        }
        return a;
    }

    private static ObjectNode manyFields(int count) {
        ObjectNode o = NODES.objectNode();
        for (int i = 0; i < count; i++) {
            o.put("f" + i, i);
        }
        return o;
    }

    private String randomString(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            sb.append((char) (kind == 0 ? random.nextInt(0x20) : kind == 1 ? 0x80 + random.nextInt(0xFF00) : 0x20 + random.nextInt(0x5F)));
        }
        return sb.toString();
    }

    private void collect(JsonNode node, List<Slot> slots, int depth) {
        if (depth > 6) {
            return;
        }
        if (node instanceof ObjectNode o) {
            o.fieldNames().forEachRemaining(name -> {
                slots.add(new Slot(o, name));
                collect(o.get(name), slots, depth + 1);
            });
            if (o.isEmpty()) {
                slots.add(new Slot(o, "x"));
            }
        } else if (node instanceof ArrayNode a) {
            for (JsonNode element : a) {
                collect(element, slots, depth + 1);
            }
        }
    }

    /** A field of an object: what a mutation replaces or removes. */
    private record Slot(ObjectNode parent, String name) {
        void remove() {
            parent.remove(name);
        }

        void replace(JsonNode value) {
            parent.set(name, value);
        }
    }
}
