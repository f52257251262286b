package org.mcx.access;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Valid requests to the SAS, and mutations of them that an attacker's or a broken client's bytes
 * might be: bytes changed, inserted, deleted; lines duplicated, dropped or swapped; numbers changed;
 * letters' case flipped; the end cut off. The bearer token is mostly left alone, so that mutations
 * still get past the checks and reach the forwarding.
 */
final class Http1Mutator {
    /** What the SAS removes or sets itself; the rest of a request's fields must reach the service unchanged. */
    private static final Set<String> NOT_END_TO_END = Set.of("host", "content-length", "transfer-encoding", "connection",
            "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "authorization", "proxy-authorization",
            "mc-service-id", "mc-priority", "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "via",
            "expect");
    private static final byte[] BYTES = {'\r', '\n', ' ', '\t', 0, ':', ';', ',', '"', '%', '/', '?', '#', '0', '1', '9',
            'a', 'f', 'x', 0x0b, 0x0c, 0x7f, (byte) 0x80, (byte) 0xff, '-', '+', '=', '@', '\\', '{'};
    private static final String[] STRINGS = {"\r\n", "\n", "\r", " ", "\t", "\r\n ", "\r\n\r\n", "Transfer-Encoding: chunked\r\n",
            "Content-Length: 0\r\n", "Content-Length: 4\r\n", "Host: x\r\n", "Connection: close\r\n", "chunked", ",",
            "0\r\n\r\n", "Expect: 100-continue\r\n", "Transfer-Encoding: identity\r\n", "GET /services/x HTTP/1.1\r\n",
            "%00", "/../", "HTTP/1.1", "Trailer: A\r\n", ";ext=1", "\"", "3\r\nabc\r\n", "ffffffff", "00000000000000000001"};

    private final String profileId;
    private final String token;
    private final List<byte[]> templates = new ArrayList<>();

    Http1Mutator(String profileId, String token) {
        this.profileId = profileId;
        this.token = token;
        String p = "/services/" + profileId;
        String auth = "Authorization: Bearer " + token + "\r\n";
        add("GET " + p + "/groups?active=true&q=%20a HTTP/1.1\r\nHost: sas.example.org\r\n" + auth
                + "Accept: application/json\r\nMC-Priority: emergency\r\n\r\n");
        add("POST " + p + "/groups/7/members HTTP/1.1\r\nHost: sas\r\n" + auth
                + "Content-Type: application/json\r\nContent-Length: 16\r\n\r\n{\"member\":\"bob\"}");
        add("PUT " + p + "/groups/7 HTTP/1.1\r\nHost: sas\r\n" + auth + "Transfer-Encoding: chunked\r\n\r\n"
                + "5;note=x\r\nhello\r\n6\r\n world\r\n0\r\nX-Checksum: 1\r\n\r\n");
        add("DELETE http://sas.example.org" + p + "/calls/9 HTTP/1.1\r\nHost: sas.example.org:8444\r\n" + auth
                + "Connection: keep-alive, X-Hop\r\nX-Hop: 1\r\nX-Kept: 2\r\n\r\n");
        add("GET " + p + "/capabilities HTTP/1.0\r\n" + auth + "Connection: keep-alive\r\nUser-Agent: fuzz/1.0\r\n\r\n");
        add("OPTIONS " + p + "/groups HTTP/1.1\r\nHost: sas\r\n" + auth + "Expect: 100-continue\r\nContent-Length: 3\r\n\r\nabc");
        add("GET " + p + "/a HTTP/1.1\r\nHost: sas\r\n" + auth + "\r\nPOST " + p + "/b HTTP/1.1\r\nHost: sas\r\n" + auth
                + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nGET " + p + "/c HTTP/1.1\r\nHost: sas\r\n" + auth + "\r\n");
    }

    private void add(String template) {
        byte[] b = template.getBytes(StandardCharsets.ISO_8859_1);
        if (StrictRequestParser.parse(b).ending() != StrictRequestParser.Ending.CLEAN) {
            throw new IllegalStateException("a template the strict parser refuses: " + template);
        }
        templates.add(b);
    }

    /** A valid request that closes the connection: after a mutation, it shows whether the SAS still serves. */
    String sentinel(int index) {
        return "GET /services/" + profileId + "/sentinel-" + index + " HTTP/1.1\r\nHost: sas\r\nAuthorization: Bearer "
                + token + "\r\nConnection: close\r\n\r\n";
    }

    byte[] mutate(SplittableRandom r) {
        byte[] b = templates.get(r.nextInt(templates.size())).clone();
        int mutations = 1 + r.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            b = once(b, r);
        }
        return b;
    }

    private byte[] once(byte[] b, SplittableRandom r) {
        int at = position(b, r);
        return switch (r.nextInt(10)) {
            case 0, 1 -> set(b, at, BYTES[r.nextInt(BYTES.length)]);
            case 2 -> set(b, at, (byte) r.nextInt(256));
            case 3, 4 -> insert(b, at, STRINGS[r.nextInt(STRINGS.length)].getBytes(StandardCharsets.ISO_8859_1));
            case 5 -> delete(b, at, 1 + r.nextInt(4));
            case 6 -> lines(b, r);
            case 7 -> number(b, r);
            case 8 -> flipCase(b, at);
            default -> r.nextInt(4) == 0 ? Arrays.copyOf(b, at) : insert(b, at, new byte[] {BYTES[r.nextInt(BYTES.length)]});
        };
    }

    /** A place to mutate, mostly outside the bearer token. */
    private int position(byte[] b, SplittableRandom r) {
        int at = r.nextInt(b.length + 1);
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int t = s.indexOf(token);
        if (t >= 0 && at > t && at < t + token.length() && r.nextInt(10) != 0) {
            at = r.nextBoolean() ? t : t + token.length();
        }
        return at;
    }

    private static byte[] set(byte[] b, int at, byte value) {
        if (at >= b.length) {
            return insert(b, at, new byte[] {value});
        }
        b[at] = value;
        return b;
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.writeBytes(what);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    private static byte[] delete(byte[] b, int at, int n) {
        int end = Math.min(b.length, at + n);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.write(b, end, b.length - end);
        return out.toByteArray();
    }

    /** A line (up to its CR LF) duplicated, dropped, or swapped with the next. */
    private static byte[] lines(byte[] b, SplittableRandom r) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(Arrays.asList(s.split("(?<=\r\n)", -1)));
        if (lines.size() < 2) {
            return b;
        }
        int i = r.nextInt(lines.size() - 1);
        switch (r.nextInt(3)) {
            case 0 -> lines.add(i, lines.get(i));
            case 1 -> lines.remove(i);
            default -> Collections.swap(lines, i, i + 1);
        }
        return String.join("", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A number (a length, a chunk size, a version digit) made larger, smaller, zero or huge. */
    private static byte[] number(byte[] b, SplittableRandom r) {
        List<int[]> numbers = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            if (Character.isDigit(b[i]) && (i == 0 || !Character.isLetterOrDigit(b[i - 1]))) {
                int j = i;
                while (j < b.length && Character.isDigit(b[j])) {
                    j++;
                }
                numbers.add(new int[] {i, j});
                i = j;
            }
        }
        if (numbers.isEmpty()) {
            return b;
        }
        int[] n = numbers.get(r.nextInt(numbers.size()));
        long value = Long.parseLong(new String(b, n[0], Math.min(18, n[1] - n[0]), StandardCharsets.ISO_8859_1));
        String replaced = switch (r.nextInt(5)) {
            case 0 -> Long.toString(value + 1);
            case 1 -> Long.toString(Math.max(0, value - 1));
            case 2 -> "0";
            case 3 -> "0" + value;
            default -> "18446744073709551617";
        };
        return concat(Arrays.copyOf(b, n[0]),
                concat(replaced.getBytes(StandardCharsets.ISO_8859_1), Arrays.copyOfRange(b, n[1], b.length)));
    }

    private static byte[] flipCase(byte[] b, int at) {
        if (at < b.length && Character.isLetter(b[at])) {
            b[at] = (byte) (b[at] ^ 0x20);
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Where the SAS sends a request for this target: the instance's base path, then what followed the profile. */
    static String upstreamTarget(String target, String profileId) {
        String origin = target;
        if (!target.startsWith("/")) {
            int authority = target.indexOf("://") + 3;
            int path = authority;
            while (path < target.length() && target.charAt(path) != '/' && target.charAt(path) != '?') {
                path++;
            }
            origin = target.substring(path).startsWith("/") ? target.substring(path) : "/" + target.substring(path);
        }
        String prefix = "/services/" + profileId;
        if (!origin.startsWith(prefix)) {
            return "(not a service path: " + origin + ")";
        }
        String rest = origin.substring(prefix.length());
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? "" : rest.substring(q);
        return "/gm" + (path.isEmpty() ? "/" : path) + query;
    }

    /** The fields that must pass unchanged, as "name: value" sorted (order among names may change). */
    static List<String> endToEnd(List<StrictRequestParser.Field> fields) {
        List<String> hopNames = new ArrayList<>();
        for (StrictRequestParser.Field f : fields) {
            if (f.name().equalsIgnoreCase("Connection")) {
                for (String n : f.value().split(",")) {
                    hopNames.add(n.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (StrictRequestParser.Field f : fields) {
            String name = f.name().toLowerCase(Locale.ROOT);
            if (!NOT_END_TO_END.contains(name) && !hopNames.contains(name)) {
                out.add(name + ": " + f.value());
            }
        }
        out.sort(null);
        return out;
    }
}
