package org.mcx.backend.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.testing.RawClient.code;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.RawClient;
import org.mcx.backend.testing.RawWebSocket;

/**
 * WebSocket frames no library would send, written as bytes: each is refused with the close code
 * RFC 6455 gives it, nothing is allocated for a length that is only declared, and the listener
 * goes on serving everybody else.
 */
class WebSocketFramesTest {
    private static final byte[] LOGIN = ("{\"v\":1,\"id\":\"l\",\"type\":\"auth.login\",\"body\":{\"username\":\"admin\","
            + "\"password\":\"" + BackendFixture.ADMIN_PASSWORD + "\"}}").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dataDir;
    private BackendFixture backend;

    @BeforeEach
    void start() throws Exception {
        backend = BackendFixture.start(dataDir, "primary", c -> c.withAuthTimeout(Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    record Abuse(String name, byte[] bytes, int closeCode) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Abuse[] abuses() {
        byte[] half = RawWebSocket.encode(true, 0, RawWebSocket.TEXT, LOGIN, true);
        byte[] hugeLength = {(byte) 0x81, (byte) (0x80 | 127), 0x7f, -1, -1, -1, -1, -1, -1, -1, 1, 2, 3, 4};
        return new Abuse[] {
            new Abuse("an unmasked client frame", RawWebSocket.encode(true, 0, RawWebSocket.TEXT, LOGIN, false), 1002),
            new Abuse("reserved bits without an extension", RawWebSocket.encode(true, 4, RawWebSocket.TEXT, LOGIN, true), 1002),
            new Abuse("a reserved opcode", RawWebSocket.encode(true, 0, 0x3, LOGIN, true), 1002),
            new Abuse("a reserved control opcode", RawWebSocket.encode(true, 0, 0xB, new byte[0], true), 1002),
            new Abuse("a ping longer than 125 bytes", RawWebSocket.encode(true, 0, 0x9, new byte[126], true), 1002),
            new Abuse("a fragmented ping", RawWebSocket.encode(false, 0, 0x9, new byte[3], true), 1002),
            new Abuse("a continuation that continues nothing", RawWebSocket.encode(true, 0, 0x0, LOGIN, true), 1002),
            new Abuse("a new message inside a fragmented one", concat(
                    RawWebSocket.encode(false, 0, RawWebSocket.TEXT, "{\"v\":".getBytes(StandardCharsets.UTF_8), true),
                    RawWebSocket.encode(true, 0, RawWebSocket.TEXT, LOGIN, true)), 1002),
            new Abuse("invalid UTF-8 in a text frame", RawWebSocket.encode(true, 0, RawWebSocket.TEXT,
                    new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, true), 1007),
            new Abuse("an overlong UTF-8 encoding", RawWebSocket.encode(true, 0, RawWebSocket.TEXT,
                    new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'}, true), 1007),
            new Abuse("a UTF-8 encoded surrogate", RawWebSocket.encode(true, 0, RawWebSocket.TEXT,
                    new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, true), 1007),
            new Abuse("a length of 2^63-1 declared", hugeLength, 1009),
            new Abuse("a close frame with a code nobody may send", RawWebSocket.encode(true, 0, RawWebSocket.CLOSE,
                    new byte[] {0x03, (byte) 0xED}, true), 1002),
            new Abuse("a close frame of one byte", RawWebSocket.encode(true, 0, RawWebSocket.CLOSE, new byte[] {1}, true), 1002),
            new Abuse("half a frame, then nothing", java.util.Arrays.copyOf(half, half.length / 2), 4401),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("abuses")
    void isRefusedWithItsCodeAndOthersAreServed(Abuse abuse) throws Exception {
        try (RawClient bystander = new RawClient(backend.base(), "/acmc");
             RawWebSocket attacker = RawWebSocket.open(backend.base(), "/acmc", 0)) {
            bystander.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD);
            attacker.sendRaw(abuse.bytes());
            int code = attacker.awaitEnd(10_000);
            if (abuse.closeCode() == 1009) {
                assertThat(code).as(abuse.name()).isIn(1009, 1002); // either refusal leaves nothing allocated
            } else {
                assertThat(code).as(abuse.name()).isEqualTo(abuse.closeCode());
            }
            assertThat(code(bystander.call("users.list", "{}"))).isEmpty();
        }
    }

    @Test
    void aMessageInFragmentsWithAPingBetweenIsOneMessage() throws Exception {
        try (RawWebSocket peer = RawWebSocket.open(backend.base(), "/acmc", 0)) {
            int cut = LOGIN.length / 2;
            peer.sendRaw(concat(
                    RawWebSocket.encode(false, 0, RawWebSocket.TEXT, java.util.Arrays.copyOfRange(LOGIN, 0, cut), true),
                    RawWebSocket.encode(true, 0, 0x9, "still there?".getBytes(StandardCharsets.UTF_8), true),
                    RawWebSocket.encode(true, 0, 0x0, java.util.Arrays.copyOfRange(LOGIN, cut, LOGIN.length), true)));
            RawWebSocket.Frame pong = peer.read();
            assertThat(pong.opcode()).isEqualTo(0xA);
            assertThat(pong.text()).isEqualTo("still there?");
            assertThat(peer.readText()).contains("\"re\":\"l\"").contains("sessionToken");
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
