package org.mcx.protocol;

import java.text.Normalizer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Field validation used by the message records' constructors, so that every body is checked once,
 * when it is decoded. Failures name the field relative to the record; the codec prefixes the
 * path to that record.
 */
public final class Check {
    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}\\p{N}._:@+\\-/=~]{1,128}");

    private Check() {
    }

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw ProtocolException.badRequest(field, "required field is missing or null");
        }
        return value;
    }

    /** An identifier: 1-128 letters, digits or {@code . _ : @ + - / = ~}; no spaces, no controls. */
    public static String id(String value, String field) {
        required(value, field);
        if (!IDENTIFIER.matcher(value).matches()) {
            throw ProtocolException.badRequest(field,
                    "must be 1-128 letters, digits or . _ : @ + - / = ~");
        }
        return value;
    }

    public static String optionalId(String value, String field) {
        return value == null ? null : id(value, field);
    }

    /**
     * Human text (names, comments): NFC-normalised, at most {@code max} characters, with no control
     * characters, no unpaired surrogates and no bidirectional overrides that could disguise it.
     */
    public static String text(String value, String field, int max) {
        required(value, field);
        String normalized = Normalizer.normalize(value, Normalizer.Form.NFC);
        if (normalized.isBlank()) {
            throw ProtocolException.badRequest(field, "must not be blank");
        }
        if (normalized.codePointCount(0, normalized.length()) > max) {
            throw ProtocolException.badRequest(field, "longer than " + max + " characters");
        }
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= normalized.length() || !Character.isLowSurrogate(normalized.charAt(i + 1))) {
                    throw ProtocolException.badRequest(field, "contains an unpaired surrogate");
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw ProtocolException.badRequest(field, "contains an unpaired surrogate");
            } else if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                throw ProtocolException.badRequest(field, "contains a control character");
            } else if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                throw ProtocolException.badRequest(field, "contains a bidirectional override");
            }
        }
        return normalized;
    }

    public static String optionalText(String value, String field, int max) {
        return value == null ? null : text(value, field, max);
    }

    /** A secret or password: 1..max characters, kept as given (never normalised, never echoed). */
    public static String secret(String value, String field, int max) {
        required(value, field);
        if (value.isEmpty() || value.length() > max) {
            throw ProtocolException.badRequest(field, "must be 1-" + max + " characters");
        }
        return value;
    }

    public static <T> List<T> list(List<T> value, String field, int min, int max) {
        required(value, field);
        if (value.size() < min || value.size() > max) {
            throw ProtocolException.badRequest(field, "must hold " + min + "-" + max + " entries");
        }
        for (int i = 0; i < value.size(); i++) {
            required(value.get(i), field + "[" + i + "]");
        }
        return List.copyOf(value);
    }

    public static <T> List<T> optionalList(List<T> value, String field, int max) {
        return value == null ? List.of() : list(value, field, 0, max);
    }

    public static List<String> ids(List<String> value, String field, int min, int max) {
        List<String> copy = list(value, field, min, max);
        for (int i = 0; i < copy.size(); i++) {
            id(copy.get(i), field + "[" + i + "]");
        }
        return copy;
    }

    public static int range(Integer value, String field, int min, int max) {
        required(value, field);
        if (value < min || value > max) {
            throw ProtocolException.badRequest(field, "must be between " + min + " and " + max);
        }
        return value;
    }

    public static long atLeast(Long value, String field, long min) {
        required(value, field);
        if (value < min) {
            throw ProtocolException.badRequest(field, "must be at least " + min);
        }
        return value;
    }
}
