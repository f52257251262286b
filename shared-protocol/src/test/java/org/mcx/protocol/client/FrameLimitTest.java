package org.mcx.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mcx.protocol.client.TestClients.awaitState;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mcx.protocol.Endpoint;

/** Inbound frames over the cap close the link with 1009 instead of being buffered. */
class FrameLimitTest {
    private static final int CAP = 64 * 1024;
    private static final int SOCKET_CLOSED = -1;

    @Test
    void oversizedMessageFromTheServerClosesWith1009() throws Exception {
        Recorder<LinkStatus> states = new Recorder<>();
        try (ScriptedServer server = ScriptedServer.start();
             ProtocolClient client = TestClients.application(server).maxMessageBytes(CAP).onState(states).build()) {
            client.connect().get(10, TimeUnit.SECONDS);
            ScriptedConnection connection = server.nextConnection();

            connection.sendEvent(1, "x".repeat(CAP + 1));

            // Java-WebSocket may close the socket before its write thread flushed the close frame.
            assertThat(connection.closed().get(10, TimeUnit.SECONDS).code()).isIn(1009, 1006);
            LinkStatus lost = awaitState(states, LinkState.RECONNECTING);
            assertThat(lost.closeCode()).isEqualTo(1009);
            assertThat(lost.reason()).contains("1009").contains("exceeded " + CAP);
        }
    }

    @Test
    void hugeDeclaredFrameIsRefusedFromItsHeader() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> closeCode = CompletableFuture.supplyAsync(() -> serveHugeFrame(listener));
            ProtocolClient client = ProtocolClient.builder(URI.create("ws://127.0.0.1:" + listener.getLocalPort()), Endpoint.CSC14)
                    .authenticator(Authenticator.application("app-1", "secret")).build();
            try (client) {
                // A client that allocated the declared 1 GiB would wait for it and never close.
                assertThatThrownBy(() -> client.connect().get(10, TimeUnit.SECONDS)).cause()
                        .isInstanceOf(ConnectionLostException.class).hasMessageContaining("1009");
                assertThat(closeCode.get(10, TimeUnit.SECONDS)).isIn(1009, SOCKET_CLOSED);
                assertThat(client.status().closeCode()).isEqualTo(1009);
            }
        }
    }

    /**
     * Accepts one WebSocket handshake, declares a 1 GiB text frame, and returns the client's close
     * code, or {@link #SOCKET_CLOSED} if the socket was closed before a close frame got out.
     */
    private static int serveHugeFrame(ServerSocket listener) {
        try (Socket socket = listener.accept()) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String key = handshakeKey(in);
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {(byte) 0x81, 127, 0, 0, 0, 0, 0x40, 0, 0, 0});
            out.flush();
            DataInputStream frames = new DataInputStream(in);
            while (true) {
                int first = frames.read();
                if (first < 0) {
                    return SOCKET_CLOSED;
                }
                int opcode = first & 0x0f;
                long length = frames.readUnsignedByte() & 0x7f;
                if (length == 126) {
                    length = frames.readUnsignedShort();
                } else if (length == 127) {
                    length = frames.readLong();
                }
                byte[] mask = frames.readNBytes(4);
                byte[] payload = frames.readNBytes((int) length);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                if (opcode == 8) {
                    out.write(new byte[] {(byte) 0x88, 2, payload[0], payload[1]});
                    out.flush();
                    return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("raw server failed", e);
        }
    }

    private static String handshakeKey(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("handshake cut short");
            }
            head.append((char) b);
        }
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        throw new IOException("no Sec-WebSocket-Key in " + head);
    }
}
