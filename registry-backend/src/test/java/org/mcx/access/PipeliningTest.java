package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pipelined requests written in one go, as raw bytes, through the real proxy: every one is
 * answered, in order, however many; the SAS reads ahead only 64 of them and leaves the rest in TCP.
 */
class PipeliningTest extends SasTestBase {
    @Override
    AccessConfig config(AccessConfig defaults) {
        return defaults.withLimits(4096, 1_000_000, 1_000_000); // the rate limits are not what is tested here
    }

    /** An authorized GET (about 350 bytes with this token, as the client sent). */
    private String get(int i, boolean last) {
        return "GET /services/" + profileId + "/r" + i + " HTTP/1.1\r\nHost: sas.example.org\r\nAuthorization: Bearer "
                + token + "\r\nAccept: application/json\r\n" + (last ? "Connection: close\r\n" : "") + "\r\n";
    }

    @Test
    void oneInFlightAndSixtyFourWaitingAreAllAnsweredInOrderAndTheConnectionStaysOpen() throws Exception {
        try (RawClient client = new RawClient(sas.port())) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 65; i++) {
                all.append(get(i, false));
            }
            client.send(all.toString());
            for (int i = 0; i < 65; i++) {
                RawClient.Response r = client.read();
                assertThat(r).as("answer %d", i).isNotNull();
                assertThat(r.status()).as("answer %d", i).isEqualTo(200);
                assertThat(r.text()).as("answer %d", i).contains("\"path\":\"/gm/r" + i + "\"");
                assertThat(r.closes()).isFalse();
            }
            RawClient.Response after = client.send(get(65, true)).read();
            assertThat(after.text()).contains("/gm/r65");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void threeHundredPipelinedGetsInOneWriteAreAllAnsweredInOrder() throws Exception {
        int n = 300; // about 100 KB: more than one read of the SAS brings, and more than the 64 it reads ahead
        try (RawClient client = new RawClient(sas.port())) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < n; i++) {
                all.append(get(i, i == n - 1));
            }
            // Written while the answers are read: the SAS stops reading while 64 wait, so a client
            // that wrote everything before reading could fill both directions' buffers.
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    client.send(all.toString());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            List<RawClient.Response> answers = client.readUntilClosed();
            writing.get(10, TimeUnit.SECONDS);

            assertThat(answers).hasSize(n);
            for (int i = 0; i < n; i++) {
                assertThat(answers.get(i).status()).as("answer %d", i).isEqualTo(200);
                assertThat(answers.get(i).text()).as("answer %d", i).contains("\"path\":\"/gm/r" + i + "\"");
            }
        }
        assertThat(upstreamA.hits.get() + upstreamB.hits.get()).isEqualTo(n);
    }

    @Test
    void pipelinedBodiesRefusalsAndGetsStayInOrder() throws Exception {
        List<String> sent = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int size = i % 3 == 0 ? 200 * 1024 : i * 1000; // some stream (over 64 KiB), some are read whole
            switch (i % 4) {
                case 0, 1 -> {
                    sent.add("POST /services/" + profileId + "/p" + i + " HTTP/1.1\r\nHost: sas\r\nAuthorization: Bearer "
                            + token + "\r\nContent-Length: " + size + "\r\n\r\n" + "x".repeat(size));
                    expected.add("201 /gm/p" + i + " " + size);
                }
                case 2 -> {
                    sent.add("POST /services/" + profileId + "/p" + i + " HTTP/1.1\r\nHost: sas\r\nAuthorization: Bearer forged"
                            + "\r\nContent-Length: " + size + "\r\n\r\n" + "x".repeat(size));
                    expected.add("401");
                }
                default -> {
                    sent.add(get(i, false));
                    expected.add("200 /gm/r" + i + " 0");
                }
            }
        }
        try (RawClient client = new RawClient(sas.port())) {
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    client.send(String.join("", sent) + get(99, true));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            List<RawClient.Response> answers = client.readUntilClosed();
            writing.get(10, TimeUnit.SECONDS);

            assertThat(answers).hasSize(expected.size() + 1);
            for (int i = 0; i < expected.size(); i++) {
                RawClient.Response r = answers.get(i);
                String got = r.status() == 401 ? "401" : r.status() + " " + between(r.text(), "\"path\":\"", "\"")
                        + " " + between(r.text(), "\"bodyLength\":", ",");
                assertThat(got).as("answer %d", i).isEqualTo(expected.get(i));
            }
        }
    }

    private static String between(String s, String from, String to) {
        int a = s.indexOf(from) + from.length();
        return s.substring(a, s.indexOf(to, a));
    }
}
