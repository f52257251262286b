package org.mcx.protocol.wire;

/**
 * Finds the top-level {@code "id"} of a frame that the codec will not build (too large, nested too
 * deeply), so that the refusal still answers its request. A plain scan over the characters: it
 * keeps only a depth counter, never a context per level, so a frame of a million brackets costs
 * one pass and no memory.
 */
final class TopLevelId {
    static final int MAX_LENGTH = 64;

    private final String text;
    private int pos;

    private TopLevelId(String text) {
        this.text = text;
    }

    /** The id, or null when the frame has no readable top-level string id of 1-64 characters. */
    static String find(String text) {
        try {
            return new TopLevelId(text).scan();
        } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
            return null; // the frame is not JSON where it matters: nothing to answer to
        }
    }

    /** Whether {@code id} may address an answer: 1-64 characters of well-formed UTF-16 (no lone surrogate). */
    static boolean isValid(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= id.length() || !Character.isLowSurrogate(id.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private String scan() {
        skipWhitespace();
        if (text.charAt(pos++) != '{') {
            return null;
        }
        int depth = 1;
        boolean keyNext = true;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                String s = readString();
                if (depth == 1 && keyNext) {
                    skipWhitespace();
                    if (text.charAt(pos) != ':') {
                        return null;
                    }
                    pos++;
                    keyNext = false;
                    if ("id".equals(s)) {
                        skipWhitespace();
                        if (text.charAt(pos) != '"') {
                            return null;
                        }
                        String id = readString();
                        return isValid(id) ? id : null;
                    }
                }
                continue;
            }
            pos++;
            switch (c) {
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    if (--depth == 0) {
                        return null;
                    }
                }
                case ',' -> keyNext = depth == 1;
                default -> {
                    // literals, numbers, whitespace and ':' need no tracking for this scan
                }
            }
        }
        return null;
    }

    private void skipWhitespace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    /** Reads a JSON string starting at its opening quote and returns it decoded. */
    private String readString() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("control character in a string");
            }
            if (c != '\\') {
                if (sb.length() <= MAX_LENGTH) {
                    sb.append(c);
                }
                continue;
            }
            char e = text.charAt(pos++);
            char decoded = switch (e) {
                case '"', '\\', '/' -> e;
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'u' -> {
                    int u = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text.charAt(pos++), 16);
                        if (digit < 0) {
                            throw new IllegalArgumentException("bad \\u escape");
                        }
                        u = u * 16 + digit;
                    }
                    yield (char) u;
                }
                default -> throw new IllegalArgumentException("bad escape");
            };
            if (sb.length() <= MAX_LENGTH) {
                sb.append(decoded);
            }
        }
    }
}
