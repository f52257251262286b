package org.mcx.access;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * An HTTP/2 client over TLS (ALPN h2) that writes frames byte for byte — any type, flags, stream or
 * length, header blocks encoded by hand as HPACK literals — and reads the server's frames, decoding
 * only its header blocks (with Netty's HPACK decoder). Reads time out after the socket's timeout.
 */
final class RawH2 implements AutoCloseable {
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    static final int DATA = 0;
    static final int HEADERS = 1;
    static final int PRIORITY = 2;
    static final int RST_STREAM = 3;
    static final int SETTINGS = 4;
    static final int PING = 6;
    static final int GOAWAY = 7;
    static final int WINDOW_UPDATE = 8;
    static final int CONTINUATION = 9;
    static final int END_STREAM = 0x1;
    static final int END_HEADERS = 0x4;
    static final int ACK = 0x1;

    record Frame(int type, int flags, int stream, byte[] payload) {
        /** The error code of a GOAWAY or RST_STREAM. */
        int errorCode() {
            int at = type == GOAWAY ? 4 : 0;
            return ((payload[at] & 0xff) << 24) | ((payload[at + 1] & 0xff) << 16) | ((payload[at + 2] & 0xff) << 8)
                    | (payload[at + 3] & 0xff);
        }
    }

    private final SSLSocket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final DefaultHttp2HeadersDecoder hpack = new DefaultHttp2HeadersDecoder(false);

    RawH2(int port, SSLContext tls) throws IOException {
        socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
        SSLParameters params = socket.getSSLParameters();
        params.setApplicationProtocols(new String[] {"h2"});
        socket.setSSLParameters(params);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        if (!"h2".equals(socket.getApplicationProtocol())) {
            throw new IOException("the server did not choose h2: " + socket.getApplicationProtocol());
        }
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** The client preface and an empty SETTINGS frame: what a well-behaved client starts with. */
    RawH2 start() throws IOException {
        return send(PREFACE, frame(SETTINGS, 0, 0, new byte[0]));
    }

    RawH2 send(byte[]... parts) throws IOException {
        for (byte[] p : parts) {
            out.write(p);
        }
        out.flush();
        return this;
    }

    /** The next frame, or null once the server has closed the connection. */
    Frame read() throws IOException {
        byte[] header = new byte[9];
        try {
            in.readFully(header);
        } catch (SocketTimeoutException hang) {
            throw hang;
        } catch (IOException closedOrReset) {
            return null;
        }
        int length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
        int stream = ((header[5] & 0x7f) << 24) | ((header[6] & 0xff) << 16) | ((header[7] & 0xff) << 8) | (header[8] & 0xff);
        byte[] payload = new byte[length];
        try {
            in.readFully(payload);
        } catch (SocketTimeoutException hang) {
            throw hang;
        } catch (IOException closedOrReset) {
            return null;
        }
        Frame f = new Frame(header[3] & 0xff, header[4] & 0xff, stream, payload);
        if (f.type == SETTINGS && (f.flags & ACK) == 0) {
            try {
                send(frame(SETTINGS, ACK, 0, new byte[0]));
            } catch (IOException closing) {
                // the server is closing the connection; the next read says so
            }
        }
        return f;
    }

    /** Reads until a frame of this type (on this stream, if not -1) arrives; null if the connection closes first. */
    Frame await(int type, int stream) throws IOException {
        for (Frame f = read(); f != null; f = read()) {
            if (f.type == type && (stream < 0 || f.stream == stream)) {
                return f;
            }
        }
        return null;
    }

    /** Reads until the connection closes; the last GOAWAY seen, or null. */
    Frame untilClosed() throws IOException {
        Frame goAway = null;
        for (Frame f = read(); f != null; f = read()) {
            if (f.type == GOAWAY) {
                goAway = f;
            }
        }
        return goAway;
    }

    /** A HEADERS frame's block, decoded (the server's; its dynamic table is kept across calls). */
    Http2Headers decode(Frame headers) throws Http2Exception {
        return hpack.decodeHeaders(headers.stream, Unpooled.wrappedBuffer(headers.payload));
    }

    static byte[] frame(int type, int flags, int stream, byte[] payload) {
        byte[] f = new byte[9 + payload.length];
        f[0] = (byte) (payload.length >>> 16);
        f[1] = (byte) (payload.length >>> 8);
        f[2] = (byte) payload.length;
        f[3] = (byte) type;
        f[4] = (byte) flags;
        f[5] = (byte) (stream >>> 24);
        f[6] = (byte) (stream >>> 16);
        f[7] = (byte) (stream >>> 8);
        f[8] = (byte) stream;
        System.arraycopy(payload, 0, f, 9, payload.length);
        return f;
    }

    static byte[] settings(int... idValuePairs) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < idValuePairs.length; i += 2) {
            b.write(idValuePairs[i] >>> 8);
            b.write(idValuePairs[i]);
            b.writeBytes(int32(idValuePairs[i + 1]));
        }
        return frame(SETTINGS, 0, 0, b.toByteArray());
    }

    static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** A header block of HPACK literals without indexing (RFC 7541 §6.2.2), in the order given. */
    static byte[] block(String... namesAndValues) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.write(0x00);
            string(b, namesAndValues[i]);
            string(b, namesAndValues[i + 1]);
        }
        return b.toByteArray();
    }

    private static void string(ByteArrayOutputStream b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        integer(b, 0x00, 7, bytes.length);
        b.writeBytes(bytes);
    }

    /** An HPACK integer with an N-bit prefix (RFC 7541 §5.1). */
    static void integer(ByteArrayOutputStream b, int firstBits, int prefixBits, int value) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            b.write(firstBits | value);
            return;
        }
        b.write(firstBits | max);
        value -= max;
        while (value >= 128) {
            b.write((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        b.write(value);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
