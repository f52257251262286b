package org.mcx.access;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 requests as RFC 9112 defines them, parsed strictly from raw bytes: the tests' oracle for
 * what a request is, written apart from Netty. Its only leniencies are the three the RFC allows a
 * recipient and the SAS's decoder takes: empty lines before a request line are ignored, a lone LF
 * ending one too (§2.2) — Netty's decoder in fact skips any run of CR and LF there, bare CRs
 * included ("\r\r\n" between two requests: found by Http1FuzzTest, seed 32892733705123), which
 * frames nothing differently (the bytes belong to no message) and is taken as it is; the
 * request line may be split on runs of whitespace (SP, HTAB, VT, FF, bare CR), with whitespace
 * around it ignored (§3); obs-fold in a field is replaced by one space (§5.2). Chunk extensions are
 * ignored (§7.1.1), so only their framing is checked. And one the RFC does not name, Netty's: a
 * folded continuation line loses the control characters (NUL included) at its ends, as
 * {@link String#trim} does, before it is joined; controls inside it are refused.
 *
 * <p>A message whose framing is sound but which a server must refuse is returned with its
 * {@link Request#refused reason} and parsing goes on: a target outside RFC 3986, a missing, second
 * or invalid {@code Host} (§3.2), a transfer coding other than chunked. A message whose framing is
 * broken ends the parse with {@link Ending#ERROR}: a bad request line or version (only HTTP/1.1 and
 * HTTP/1.0), a malformed field line, {@code Transfer-Encoding} in HTTP/1.0 or beside
 * {@code Content-Length} or without chunked last and once, more than one {@code Content-Length}
 * (§6), a malformed chunk.
 */
final class StrictRequestParser {
    enum Ending {
        /** Every byte belongs to a complete request. */
        CLEAN,
        /** The bytes end inside a request. */
        INCOMPLETE,
        /** A request is malformed: a strict server answers 400 (or closes) and reads no further. */
        ERROR
    }

    record Field(String name, String value) {
    }

    /** @param refused why a server must refuse it, or null */
    record Request(String method, String target, String version, List<Field> fields, byte[] body, String refused) {
        List<String> all(String name) {
            return fields.stream().filter(f -> f.name.equalsIgnoreCase(name)).map(Field::value).toList();
        }

        String header(String name) {
            List<String> v = all(name);
            return v.isEmpty() ? null : v.get(0);
        }
    }

    /**
     * @param errorMethod the method of the request found malformed, when its request line was readable
     * @param used        the bytes the complete requests took (with the empty lines before them)
     */
    record Result(List<Request> requests, Ending ending, String error, String errorMethod, int used) {
    }

    private static final class Bad extends Exception {
        Bad(String what) {
            super(what, null, false, false);
        }
    }

    private static final String TCHAR = "!#$%&'*+-.^_`|~";
    private static final String SUB_DELIMS = "!$&'()*+,;=";

    private final byte[] b;
    private int p;
    private String method;
    private boolean otherCoding;

    private StrictRequestParser(byte[] bytes) {
        this.b = bytes;
    }

    static Result parse(byte[] bytes) {
        return new StrictRequestParser(bytes).all();
    }

    private Result all() {
        List<Request> requests = new ArrayList<>();
        int used = 0;
        while (true) {
            while (p < b.length && (b[p] == '\n' || b[p] == '\r')) {
                p++; // empty lines (§2.2), and the SAS's decoder skips any run of CR and LF here (see the class comment)
            }
            if (p == b.length) {
                return new Result(requests, Ending.CLEAN, null, null, p);
            }
            method = null;
            try {
                Request r = request();
                if (r == null) {
                    return new Result(requests, Ending.INCOMPLETE, null, null, used);
                }
                requests.add(r);
                used = p;
            } catch (Bad e) {
                return new Result(requests, Ending.ERROR, e.getMessage(), method, used);
            }
        }
    }

    private Request request() throws Bad {
        otherCoding = false;
        String line = requestLine();
        if (line == null) {
            return null;
        }
        String words = line.replaceAll("^[ \t\u000b\f]+|[ \t\u000b\f]+$", "");
        String[] parts = words.split("[ \t\u000b\f]+", -1);
        if (parts.length != 3 || words.isEmpty()) {
            throw new Bad("request line: " + parts.length + " parts");
        }
        if (!isToken(parts[0])) {
            throw new Bad("method");
        }
        method = parts[0];
        String version = parts[2];
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new Bad("version");
        }
        String refused = null;
        try {
            target(parts[0], parts[1]);
        } catch (Bad e) {
            refused = e.getMessage();
        }
        List<Field> fields = fields();
        if (fields == null) {
            return null;
        }
        List<String> hosts = fields.stream().filter(f -> f.name.equalsIgnoreCase("Host")).map(Field::value).toList();
        if (hosts.size() > 1 || (hosts.isEmpty() && version.equals("HTTP/1.1"))) {
            refused = "Host count " + hosts.size();
        } else if (!hosts.isEmpty() && !isAuthority(hosts.get(0))) {
            refused = "Host value";
        }
        byte[] body = body(version, fields);
        if (otherCoding) {
            refused = "transfer coding other than chunked";
        }
        return body == null ? null : new Request(parts[0], parts[1], version, fields, body, refused);
    }

    private void target(String method, String t) throws Bad {
        if (t.startsWith("/")) {
            originForm(t);
        } else if (t.equals("*")) {
            if (!method.equals("OPTIONS")) {
                throw new Bad("asterisk form");
            }
        } else if (method.equals("CONNECT")) {
            if (!isAuthority(t) || t.isEmpty()) {
                throw new Bad("authority form");
            }
        } else {
            int colon = t.indexOf("://");
            String scheme = colon < 0 ? "" : t.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new Bad("absolute form scheme");
            }
            int end = colon + 3;
            while (end < t.length() && t.charAt(end) != '/' && t.charAt(end) != '?') {
                end++;
            }
            String authority = t.substring(colon + 3, end);
            if (authority.isEmpty() || !isAuthority(authority)) {
                throw new Bad("absolute form authority");
            }
            originForm(end == t.length() || t.charAt(end) == '?' ? "/" + t.substring(end) : t.substring(end));
        }
    }

    /** The path and query of RFC 3986: pchar, "/" and "?" (in the query), and %XX. */
    private static void originForm(String t) throws Bad {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '%') {
                if (i + 2 >= t.length() || !isHex(t.charAt(i + 1)) || !isHex(t.charAt(i + 2))) {
                    throw new Bad("percent-encoding");
                }
                i += 2;
            } else if (!(isUnreserved(c) || SUB_DELIMS.indexOf(c) >= 0 || c == ':' || c == '@' || c == '/' || c == '?')) {
                throw new Bad("target character " + (int) c);
            }
        }
    }

    /** Field lines up to the empty line; null if the bytes end first. */
    private List<Field> fields() throws Bad {
        List<Field> fields = new ArrayList<>();
        while (true) {
            String line = line();
            if (line == null) {
                return null;
            }
            if (line.isEmpty()) {
                return fields;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (fields.isEmpty()) {
                    throw new Bad("obs-fold before any field");
                }
                Field last = fields.remove(fields.size() - 1);
                String more = value(line.trim()); // Netty trims the continuation of every control character, NUL too
                fields.add(new Field(last.name, more.isEmpty() ? last.value : (last.value + " " + more).strip()));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon))) {
                throw new Bad("field name");
            }
            fields.add(new Field(line.substring(0, colon), value(line.substring(colon + 1))));
        }
    }

    private static String value(String raw) throws Bad {
        String v = raw.replaceAll("^[ \t]+|[ \t]+$", "");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c == '\t' || (c >= 0x20 && c != 0x7f))) {
                throw new Bad("field value character " + (int) c);
            }
        }
        return v;
    }

    private byte[] body(String version, List<Field> fields) throws Bad {
        List<String> te = fields.stream().filter(f -> f.name.equalsIgnoreCase("Transfer-Encoding")).map(Field::value).toList();
        List<String> cl = fields.stream().filter(f -> f.name.equalsIgnoreCase("Content-Length")).map(Field::value).toList();
        if (!te.isEmpty()) {
            if (!version.equals("HTTP/1.1") || !cl.isEmpty()) {
                throw new Bad("Transfer-Encoding in HTTP/1.0 or beside Content-Length");
            }
            List<String> codings = new ArrayList<>();
            for (String v : te) {
                for (String c : v.split(",", -1)) {
                    String coding = c.strip();
                    if (!coding.isEmpty()) {
                        if (!isToken(coding)) {
                            throw new Bad("transfer coding");
                        }
                        codings.add(coding.toLowerCase(Locale.ROOT));
                    }
                }
            }
            if (codings.isEmpty() || !codings.get(codings.size() - 1).equals("chunked")
                    || codings.indexOf("chunked") != codings.size() - 1) {
                throw new Bad("chunked not last, or more than once");
            }
            otherCoding = codings.size() > 1;
            return chunked();
        }
        if (cl.size() > 1) {
            throw new Bad("Content-Length more than once");
        }
        if (cl.isEmpty()) {
            return new byte[0];
        }
        if (!cl.get(0).matches("[0-9]{1,18}")) {
            throw new Bad("Content-Length value");
        }
        long n = Long.parseLong(cl.get(0));
        if (b.length - p < n) {
            return null;
        }
        byte[] body = Arrays.copyOfRange(b, p, p + (int) n);
        p += (int) n;
        return body;
    }

    private byte[] chunked() throws Bad {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        while (true) {
            String line = line();
            if (line == null) {
                return null;
            }
            int end = 0;
            while (end < line.length() && isHex(line.charAt(end))) {
                end++;
            }
            if (end == 0 || end > 15) {
                throw new Bad("chunk size");
            }
            chunkExtensions(line.substring(end));
            long size = Long.parseLong(line.substring(0, end), 16);
            if (size == 0) {
                List<Field> trailers = fields();
                return trailers == null ? null : body.toByteArray();
            }
            if (b.length - p < size + 2) {
                if (b.length - p >= size && b.length - p < size + 2) {
                    int after = p + (int) size;
                    if (after < b.length && b[after] != '\r') {
                        throw new Bad("chunk data longer than its size");
                    }
                }
                return null;
            }
            body.write(b, p, (int) size);
            p += (int) size;
            if (b[p] != '\r' || b[p + 1] != '\n') {
                throw new Bad("chunk data longer than its size");
            }
            p += 2;
        }
    }

    /**
     * {@code *( BWS ";" ... )}: a recipient ignores chunk extensions (RFC 9112 §7.1.1), so only their
     * framing is checked — they start with ";" and hold no control characters.
     */
    private static void chunkExtensions(String s) throws Bad {
        int i = ows(s, 0);
        if (i == s.length()) {
            if (i > 0) {
                throw new Bad("whitespace after the chunk size");
            }
            return;
        }
        if (s.charAt(i) != ';') {
            throw new Bad("chunk extension");
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\t' && (c < 0x20 || c == 0x7f)) {
                throw new Bad("control character in a chunk extension");
            }
        }
    }

    private static int ows(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** The request line without its CR LF, a lone CR in it read as a space (§3); null if the bytes end first. */
    private String requestLine() throws Bad {
        StringBuilder line = new StringBuilder();
        for (int i = p; i < b.length; i++) {
            if (b[i] == '\n') {
                throw new Bad("bare LF");
            }
            if (b[i] == '\r') {
                if (i + 1 == b.length) {
                    return null;
                }
                if (b[i + 1] == '\n') {
                    p = i + 2;
                    return line.toString();
                }
                line.append(' ');
            } else {
                line.append((char) (b[i] & 0xff));
            }
        }
        return null;
    }

    /** The next line without its CR LF; null if the bytes end first. A lone CR or LF is an error, but for a fold's trimmed ends. */
    private String line() throws Bad {
        for (int i = p; i < b.length; i++) {
            if (b[i] == '\n') {
                throw new Bad("bare LF");
            }
            if (b[i] == '\r') {
                if (i + 1 == b.length) {
                    return null;
                }
                if (b[i + 1] != '\n') {
                    if (inFoldedEnds(i)) {
                        continue; // trimmed with the fold's other end controls, as Netty does (see the class comment)
                    }
                    throw new Bad("bare CR");
                }
                for (int k = p; k < i; k++) {
                    if (b[k] == 0 && !inFoldedEnds(k)) {
                        throw new Bad("NUL"); // but at a folded line's ends, trimmed as its other controls are
                    }
                }
                String line = new String(b, p, i - p, StandardCharsets.ISO_8859_1);
                p = i + 2;
                return line;
            }
        }
        return null;
    }

    /**
     * Whether the bare CR (or NUL) at {@code i} lies in the control characters at either end of a folded
     * continuation line (one starting with SP or HTAB): Netty trims those off before joining the
     * line, so the CR never reaches the field's value — the RFC's "replace each bare CR with SP"
     * (§2.2), in effect. A CR inside the folded text is still an error.
     */
    private boolean inFoldedEnds(int i) {
        if (b[p] != ' ' && b[p] != '\t') {
            return false;
        }
        boolean leading = true;
        for (int k = p; k < i; k++) {
            leading &= (b[k] & 0xff) <= ' ';
        }
        if (leading) {
            return true;
        }
        for (int k = i; k < b.length; k++) {
            if (b[k] == '\r' && k + 1 < b.length && b[k + 1] == '\n') {
                return true; // only controls from the CR to the line's end
            }
            if ((b[k] & 0xff) > ' ' || b[k] == '\n') {
                return false;
            }
        }
        return false;
    }

    /** {@code host [":" port]} of RFC 3986, without user information; empty is valid. */
    static boolean isAuthority(String a) {
        String host = a;
        int colon = a.lastIndexOf(':');
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            if (close < 2 || !a.substring(1, close).matches("[0-9A-Fa-f:.]+")) {
                return false;
            }
            String rest = a.substring(close + 1);
            return rest.isEmpty() || rest.matches(":[0-9]{0,5}");
        }
        if (colon >= 0) {
            if (!a.substring(colon + 1).matches("[0-9]{0,5}")) {
                return false;
            }
            host = a.substring(0, colon);
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '%') {
                if (i + 2 >= host.length() || !isHex(host.charAt(i + 1)) || !isHex(host.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!(isUnreserved(c) || SUB_DELIMS.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTchar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || TCHAR.indexOf(c) >= 0;
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_' || c == '~';
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
