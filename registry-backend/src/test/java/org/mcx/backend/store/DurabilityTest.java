package org.mcx.backend.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.BackendProcess;
import org.mcx.backend.testing.RawClient;

/**
 * Acknowledged means durable: a kill -9 of the backend right after the replies loses none of them
 * (on H2 the file is the process's own; on PostgreSQL the commits it acknowledged are the server's).
 */
class DurabilityTest {
    @TempDir
    Path dir;

    @Test
    void killMinus9RightAfterAcknowledgedWritesLosesNothing() throws Exception {
        int writes = 200;
        try (BackendProcess first = BackendProcess.start(dir, "primary")) {
            try (RawClient c = new RawClient(first.base(), "/acmc")) {
                c.login("admin", BackendFixture.ADMIN_PASSWORD);
                for (int i = 0; i < writes; i++) {
                    JsonNode r = c.call("users.save", "{\"mcServiceId\":\"u" + i + "\",\"displayName\":\"U" + i
                            + "\",\"roles\":[],\"externalAccessAllowed\":false,\"allowedServices\":[],"
                            + "\"password\":\"password-" + i + "\"}");
                    assertThat(r.path("type").asText()).isEqualTo("users.save");
                }
                first.kill9();
            }
        }
        try (BackendProcess second = BackendProcess.start(dir, "primary");
             RawClient c = new RawClient(second.base(), "/acmc")) {
            c.login("admin", BackendFixture.ADMIN_PASSWORD);
            JsonNode users = c.call("users.list", "{}").path("body").path("users");
            assertThat(users.size()).isEqualTo(writes + 1);
            JsonNode events = c.call("events.subscribe", "{\"topics\":[\"user.saved\"],\"sinceSeq\":0}");
            assertThat(events.path("body").path("lastSeq").asLong()).isGreaterThanOrEqualTo(writes);
        }
    }

    @Test
    void sigtermStopsCleanly() throws Exception {
        BackendProcess p = BackendProcess.start(dir, "primary");
        int exit = p.terminate();
        assertThat(p.output()).as("exit code %d", exit).contains("stopped");
        assertThat(exit).isIn(0, 143);
    }
}
