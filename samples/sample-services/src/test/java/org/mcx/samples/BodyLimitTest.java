package org.mcx.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request bodies are streamed and capped at 64 KiB whatever {@code Content-Length} says: on a raw
 * socket, so the test controls exactly what is declared and what is sent.
 */
class BodyLimitTest {
    static SampleServer gm;

    @BeforeAll
    static void start() throws Exception {
        gm = SampleServer.start(SampleKind.GM, "gm-1", new SampleData());
    }

    @AfterAll
    static void stop() {
        gm.close();
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeTheBodyIsSent() throws Exception {
        String response = exchange("Content-Length: " + (SampleHandler.MAX_BODY_BYTES + 1) + "\r\n", new byte[0]);

        assertThat(response).startsWith("HTTP/1.1 413").contains("\"error\":\"too-large\"");
    }

    @Test
    void aChunkedBodyOverTheCapIsRefusedOnceTheCapIsPassed() throws Exception {
        byte[] big = new byte[SampleHandler.MAX_BODY_BYTES + 100];
        Arrays.fill(big, (byte) ' ');

        String response = exchange("Transfer-Encoding: chunked\r\n", chunked(big));

        assertThat(response).startsWith("HTTP/1.1 413").contains("Connection: close");
    }

    @Test
    void aChunkedBodyUnderTheCapIsReadInFull() throws Exception {
        byte[] small = "{\"mcServiceId\":\"chunky\"}".getBytes(StandardCharsets.UTF_8);

        String response = exchange("Transfer-Encoding: chunked\r\n", chunked(small));

        assertThat(response).startsWith("HTTP/1.1 201").contains("\"mcServiceId\":\"chunky\"");
    }

    @Test
    void aBodyLongerThanItsDeclaredLengthIsCutAtTheDeclaredLength() throws Exception {
        byte[] body = "{\"mcServiceId\":\"honest\"}".getBytes(StandardCharsets.UTF_8);
        byte[] more = "{\"mcServiceId\":\"honest\"} and then some".getBytes(StandardCharsets.UTF_8);

        String response = exchange("Content-Length: " + body.length + "\r\n", more);

        assertThat(response).startsWith("HTTP/1.1 201").contains("honest");
    }

    /** Sends a POST to add a member with these framing headers and body; reads until the server closes. */
    private static String exchange(String framing, byte[] body) throws IOException {
        try (Socket socket = new Socket(gm.host(), gm.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + gm.basePath() + "/groups/fire-north/members HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nConnection: close\r\n" + framing + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return readAll(socket.getInputStream());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
            }
        } catch (java.net.SocketException e) {
            // A reset after the answer (the server closed with our unread body in its buffer) ends it too.
            assertThat(received.size()).as("an answer before the reset (%s)", e.getMessage()).isPositive();
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    /** Chunks of 4 KiB, as a client streaming a body of unknown length would send. */
    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i += 4096) {
            int n = Math.min(4096, body.length - i);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
