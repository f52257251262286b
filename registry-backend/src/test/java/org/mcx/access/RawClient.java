package org.mcx.access;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client that writes bytes exactly as given (no library to tidy them) and reads the
 * answers strictly: a status line, header lines ending in CR LF, then a body framed by
 * {@code Content-Length} or chunked. Anything else is a {@link Malformed} answer; a read that waits
 * longer than the socket's timeout fails with {@link SocketTimeoutException}.
 */
final class RawClient implements AutoCloseable {
    /** An answer that is not well-formed HTTP/1.1. */
    static final class Malformed extends IOException {
        Malformed(String what) {
            super(what);
        }
    }

    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean closes() {
            String c = header("Connection");
            return c != null && c.equalsIgnoreCase("close");
        }
    }

    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        this(port, 10_000);
    }

    RawClient(int port, int readTimeoutMillis) throws IOException {
        this(new Socket("127.0.0.1", port), readTimeoutMillis);
    }

    /** Over a socket already connected (from a chosen local address, say). */
    RawClient(Socket connected, int readTimeoutMillis) throws IOException {
        socket = connected;
        socket.setSoTimeout(readTimeoutMillis);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    RawClient send(String ascii) throws IOException {
        return send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The next answer, or null if the server closed the connection before sending one. */
    Response read() throws IOException {
        return read(false);
    }

    /** @param toHead the request was a HEAD: the answer has no body whatever its headers say */
    Response read(boolean toHead) throws IOException {
        String statusLine = line(true);
        if (statusLine == null) {
            return null;
        }
        if (!statusLine.matches("HTTP/1\\.[01] [1-5][0-9][0-9] [\\x20-\\x7e]*")) {
            throw new Malformed("status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String h = line(false); !h.isEmpty(); h = line(false)) {
            int colon = h.indexOf(':');
            if (colon <= 0 || !h.substring(0, colon).matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new Malformed("header line: " + h);
            }
            headers.computeIfAbsent(h.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(h.substring(colon + 1).strip());
        }
        Response head = new Response(status, headers, new byte[0]);
        if (toHead || status < 200 || status == 204 || status == 304) {
            return head;
        }
        String te = head.header("Transfer-Encoding");
        String cl = head.header("Content-Length");
        if (te != null) {
            if (!te.equalsIgnoreCase("chunked") || cl != null) {
                throw new Malformed("framing: Transfer-Encoding " + te + ", Content-Length " + cl);
            }
            return new Response(status, headers, chunked());
        }
        if (cl != null) {
            if (!cl.matches("[0-9]{1,10}") || headers.get("content-length").size() > 1) {
                throw new Malformed("Content-Length: " + headers.get("content-length"));
            }
            return new Response(status, headers, exactly(Integer.parseInt(cl)));
        }
        return new Response(status, headers, in.readAllBytes()); // ends at close
    }

    /** Every answer until the server closes the connection. */
    List<Response> readUntilClosed() throws IOException {
        List<Response> all = new ArrayList<>();
        for (Response r = read(); r != null; r = read()) {
            all.add(r);
        }
        return all;
    }

    /** True once the server has closed the connection (nothing more comes). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (IOException reset) {
            return true; // a reset is a close too
        }
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(false);
            if (!size.matches("[0-9A-Fa-f]{1,8}")) {
                throw new Malformed("chunk size: " + size);
            }
            int n = Integer.parseInt(size, 16);
            if (n == 0) {
                String trailer;
                do {
                    trailer = line(false); // trailer fields, if any, up to the empty line
                } while (!trailer.isEmpty());
                return body.toByteArray();
            }
            body.write(exactly(n));
            if (!line(false).isEmpty()) {
                throw new Malformed("chunk data longer than its size");
            }
        }
    }

    private byte[] exactly(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new Malformed("body: " + b.length + " of " + n + " bytes before the connection closed");
        }
        return b;
    }

    /** A line ending in CR LF; null at a clean end of stream if {@code endAllowed} and nothing was read. */
    private String line(boolean endAllowed) throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c;
            try {
                c = in.read();
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException reset) {
                c = -1; // a reset where a line should start is a close
            }
            if (c < 0) {
                if (endAllowed && b.length() == 0) {
                    return null;
                }
                throw new Malformed("connection closed inside a line: " + b);
            }
            if (c == '\r') {
                if (in.read() != '\n') {
                    throw new Malformed("CR without LF after: " + b);
                }
                return b.toString();
            }
            if (c == '\n') {
                throw new Malformed("bare LF after: " + b);
            }
            b.append((char) c);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
