package org.mcx.access;

/**
 * The request target as RFC 9112 §3.2 allows it, reduced to origin form ({@code /path?query}):
 * origin form as is; absolute form ({@code http://host/path}, which a server must accept) by its
 * path and query, the authority checked and otherwise unused (the path alone decides where a request
 * goes, whatever name the server was reached by — as with {@code Host}). Only the characters RFC
 * 3986 allows, with every {@code %} followed by two hex digits: the target is forwarded as sent, and
 * anything else (a space, {@code #}, {@code {}, non-ASCII) would be re-encoded on its way, so the
 * service would see a different request from the one the application sent.
 */
final class RequestTarget {
    private static final boolean[] PCHAR = new boolean[128];
    private static final boolean[] REG_NAME = new boolean[128];

    static {
        String unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
        String subDelims = "!$&'()*+,;=";
        for (char c : (unreserved + subDelims).toCharArray()) {
            REG_NAME[c] = true;
            PCHAR[c] = true;
        }
        PCHAR[':'] = true;
        PCHAR['@'] = true;
    }

    private RequestTarget() {
    }

    /** The target in origin form, or a 400 naming what is wrong with it. */
    static String originForm(String target) throws Refusal {
        if (target.startsWith("/")) {
            check(target);
            return target;
        }
        if (target.equals("*")) {
            return target; // asterisk form (OPTIONS *): no service is named, the checks answer 404
        }
        int colon = target.indexOf("://");
        String scheme = colon < 0 ? "" : target.substring(0, colon);
        if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
            throw bad("request-target: neither a path (/…) nor an http(s) URI");
        }
        int start = colon + 3;
        int end = start;
        while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?') {
            end++;
        }
        if (end == start || !isAuthority(target, start, end)) {
            throw bad("request-target: the URI's authority is not a valid host[:port]");
        }
        String rest = target.substring(end);
        String origin = rest.startsWith("/") ? rest : "/" + rest;
        check(origin);
        return origin;
    }

    /**
     * {@code host [":" port]} (RFC 3986 §3.2.2-3), as {@code Host} and an absolute-form target carry
     * it: a registered name or an IPv4 address, or an IP literal in brackets; no user information.
     * An empty value is valid (RFC 9112 §3.2).
     */
    static boolean isAuthority(String s, int from, int to) {
        int hostEnd;
        if (from < to && s.charAt(from) == '[') {
            int close = s.indexOf(']', from);
            if (close < 0 || close >= to || close == from + 1) {
                return false;
            }
            for (int i = from + 1; i < close; i++) {
                char c = s.charAt(i);
                if (!(isHex(c) || c == ':' || c == '.')) {
                    return false;
                }
            }
            hostEnd = close + 1;
            if (hostEnd < to && s.charAt(hostEnd) != ':') {
                return false;
            }
        } else {
            hostEnd = from;
            while (hostEnd < to && s.charAt(hostEnd) != ':') {
                char c = s.charAt(hostEnd);
                if (c == '%') {
                    if (!isPercentEncoded(s, hostEnd, to)) {
                        return false;
                    }
                    hostEnd += 2;
                } else if (c >= 128 || !REG_NAME[c]) {
                    return false;
                }
                hostEnd++;
            }
        }
        if (hostEnd == to) {
            return true;
        }
        int digits = to - hostEnd - 1; // after the colon
        if (digits > 5) {
            return false;
        }
        for (int i = hostEnd + 1; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code absolute-path ["?" query]} with RFC 3986's characters only (a query may also hold {@code /} and {@code ?}). */
    private static void check(String target) throws Refusal {
        int n = target.length();
        for (int i = 0; i < n; i++) {
            char c = target.charAt(i);
            if (c == '%') {
                if (!isPercentEncoded(target, i, n)) {
                    throw bad("request-target: % at " + i + " is not followed by two hex digits");
                }
                i += 2;
            } else if (!(c < 128 && (PCHAR[c] || c == '/' || c == '?'))) {
                throw bad("request-target: " + describe(c) + " at " + i + " is not allowed (RFC 3986); percent-encode it");
            }
        }
    }

    private static boolean isPercentEncoded(String s, int at, int end) {
        return at + 2 < end && isHex(s.charAt(at + 1)) && isHex(s.charAt(at + 2));
    }

    /** ASCII only: {@link Character#digit} would take other scripts' digits too. */
    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static String describe(char c) {
        return c > 0x20 && c < 0x7f ? "'" + c + "'" : String.format("character 0x%02x", (int) c);
    }

    private static Refusal bad(String detail) {
        return new Refusal(400, "Bad Request", "bad-request", detail, 0);
    }
}
