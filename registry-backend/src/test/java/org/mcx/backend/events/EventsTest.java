package org.mcx.backend.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.RawClient;

class EventsTest {
    @TempDir
    Path dir;
    BackendFixture backend;

    @BeforeEach
    void start() throws Exception {
        backend = BackendFixture.start(dir);
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    private RawClient admin() throws Exception {
        RawClient c = new RawClient(backend.base(), "/acmc");
        c.login("admin", BackendFixture.ADMIN_PASSWORD);
        return c;
    }

    private static void saveUser(RawClient c, String id) throws Exception {
        c.call("users.save", "{\"mcServiceId\":\"" + id + "\",\"displayName\":\"" + id + "\",\"roles\":[],"
                + "\"externalAccessAllowed\":true,\"allowedServices\":[],\"password\":\"password-" + id + "\"}");
    }

    @Test
    void replayFromSinceSeqThenLiveWithoutGapsOrRepeats() throws Exception {
        try (RawClient writer = admin(); RawClient reader = admin()) {
            for (int i = 0; i < 5; i++) {
                saveUser(writer, "early" + i);
            }
            JsonNode subscribed = reader.call("events.subscribe", "{\"topics\":[\"user.\"],\"sinceSeq\":0}");
            long lastSeq = subscribed.path("body").path("lastSeq").asLong();
            assertThat(lastSeq).isGreaterThanOrEqualTo(5);
            for (int i = 0; i < 5; i++) {
                saveUser(writer, "late" + i);
            }
            List<Long> seqs = new ArrayList<>();
            List<String> users = new ArrayList<>();
            while (users.size() < 10) {
                JsonNode e = reader.next();
                assertThat(e.path("type").asText()).isEqualTo("event");
                seqs.add(e.path("body").path("seq").asLong());
                users.add(e.path("body").path("data").path("mcServiceId").asText());
            }
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
            assertThat(users).containsExactly("early0", "early1", "early2", "early3", "early4",
                    "late0", "late1", "late2", "late3", "late4");
        }
    }

    @Test
    void topicsFilterByPrefixAndEventsSurviveARestart() throws Exception {
        try (RawClient writer = admin()) {
            saveUser(writer, "kept");
        }
        backend.restart();
        try (RawClient reader = admin()) {
            reader.call("events.subscribe", "{\"topics\":[\"service.\"],\"sinceSeq\":0}");
            reader.call("events.subscribe", "{\"topics\":[\"user.saved\"],\"sinceSeq\":0}");
            JsonNode e = reader.next();
            assertThat(e.path("body").path("topic").asText()).isEqualTo("user.saved");
            assertThat(e.path("body").path("data").path("mcServiceId").asText()).isEqualTo("kept");
        }
    }

    @Test
    void withoutSinceSeqOnlyNewEventsArrive() throws Exception {
        try (RawClient writer = admin(); RawClient reader = admin()) {
            saveUser(writer, "before");
            reader.call("events.subscribe", "{\"topics\":[\"\"]}");
            saveUser(writer, "after");
            JsonNode e = reader.next();
            assertThat(e.path("body").path("data").path("mcServiceId").asText()).isEqualTo("after");
        }
    }
}
