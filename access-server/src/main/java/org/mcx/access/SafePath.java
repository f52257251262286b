package org.mcx.access;

/**
 * A request path is passed on undecoded, so it must not be able to mean anything else upstream:
 * no dot segments, and none of the encodings that become a dot, a slash or a backslash once some
 * server decodes them ({@code %2e}, {@code %2f}, {@code %5c}, and {@code %25} that could hide them
 * behind a second decoding), no backslash and no control characters.
 */
final class SafePath {
    private SafePath() {
    }

    static boolean isSafe(String rawPath) {
        int n = rawPath.length();
        for (int i = 0; i < n; i++) {
            char c = rawPath.charAt(i);
            if (c < 0x21 || c == 0x7f || c == '\\') {
                return false;
            }
            if (c == '%' && (i + 2 >= n || isTricky(rawPath.charAt(i + 1), rawPath.charAt(i + 2)))) {
                return false;
            }
            if (c == '.' && rawPath.charAt(i - 1) == '/' && (i + 1 == n || rawPath.charAt(i + 1) == '/'
                    || (rawPath.charAt(i + 1) == '.' && (i + 2 == n || rawPath.charAt(i + 2) == '/')))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTricky(char hi, char lo) {
        char l = Character.toLowerCase(lo);
        return (hi == '2' && (l == 'e' || l == 'f' || l == '5')) || (hi == '5' && l == 'c') || (hi == '0');
    }
}
