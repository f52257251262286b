package org.mcx.backend.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.ops.RestoreCommand;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.TestStores;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;
import picocli.CommandLine;

/**
 * The documented procedure, for real: a running server backs itself up online on its schedule,
 * the backup is restored into a new data directory, and a server started there has the data
 * (the administrator's password and a user saved before the backup).
 */
@Tag(TestStores.H2_ONLY) // about the H2 file itself; PostgreSQL keeps its own files
class BackupRestoreTest {
    @TempDir
    Path live;
    @TempDir
    Path backups;
    @TempDir
    Path restored;

    @Test
    void aScheduledOnlineBackupRestoresIntoAWorkingServer() throws Exception {
        Path backup;
        try (BackendFixture server = BackendFixture.start(live)) {
            try (ProtocolClient admin = admin(server)) {
                admin.call(MessageType.USERS_SAVE, new Console.SaveUser("alice", "Alice", List.of(), true,
                        List.of(ServiceType.GM), false, "alice-password-1"), Console.User.class);
            }
            try (ScheduledBackups scheduled = ScheduledBackups.start(server.backend().context().db(), backups,
                    Duration.ofMillis(200), 2)) {
                backup = awaitFirstBackup();
            }
        }
        assertThat(backup.getFileName().toString()).matches("mcx-backup-\\d{8}-\\d{6}\\.zip");

        StringWriterOut out = new StringWriterOut();
        int code = restoreCommand(out).execute("--from", backup.toString(), "--data-dir", restored.toString());
        assertThat(code).as(out.text()).isZero();
        assertThat(out.text()).contains("restored " + backup);

        try (BackendFixture again = BackendFixture.start(restored, "primary", c -> c.withAdminPassword(null));
             ProtocolClient admin = admin(again)) {
            Console.Users users = admin.call(MessageType.USERS_LIST, new Common.Empty(), Console.Users.class);
            assertThat(users.users()).extracting(Console.User::mcServiceId).contains("admin", "alice");
        }
    }

    @Test
    void restoreWillNotOverwriteADatabaseWithoutForce() throws Exception {
        try (BackendFixture server = BackendFixture.start(live)) {
            Path backup = backups.resolve("one.zip");
            server.backend().context().db().backupTo(backup).join();
            StringWriterOut out = new StringWriterOut();
            assertThat(restoreCommand(out).execute("--from", backup.toString(), "--data-dir", restored.toString())).isZero();
            assertThat(restoreCommand(out).execute("--from", backup.toString(), "--data-dir", restored.toString()))
                    .isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(out.text()).contains("exists: stop the server and add --force");
            assertThat(restoreCommand(out).execute("--from", backup.toString(), "--data-dir", restored.toString(),
                    "--force")).isZero();
            try (Stream<Path> files = Files.list(restored)) {
                assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("mcx.mv.db.before-restore-"));
            }
        }
    }

    @Test
    void onlyTheNewestBackupsAreKept() throws Exception {
        try (BackendFixture server = BackendFixture.start(live)) {
            MutableClock clock = new MutableClock(Instant.parse("2026-01-01T03:00:00Z"));
            try (ScheduledBackups manual = ScheduledBackups.unscheduled(server.backend().context().db(), backups, 2, clock)) {
                for (int i = 0; i < 3; i++) {
                    manual.backupNow();
                    clock.now = clock.now.plus(Duration.ofDays(1));
                }
            }
        }
        try (Stream<Path> files = Files.list(backups)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("mcx-backup-20260102-030000.zip", "mcx-backup-20260103-030000.zip");
        }
    }

    /** The first scheduled backup, once complete (renamed from its .part name). */
    private Path awaitFirstBackup() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(backups)) {
                List<Path> zips = files.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
                if (!zips.isEmpty()) {
                    return zips.get(0);
                }
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("no backup appeared in " + backups);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static ProtocolClient admin(BackendFixture server) throws Exception {
        ProtocolClient c = ProtocolClient.builder(server.base(), Endpoint.ACMC)
                .authenticator(Authenticator.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD))
                .reconnect(ReconnectPolicy.disabled()).build();
        c.connect().get(10, TimeUnit.SECONDS);
        return c;
    }

    private static CommandLine restoreCommand(StringWriterOut out) {
        return new CommandLine(new RestoreCommand()).setOut(out.writer()).setErr(out.writer());
    }

    /** Captures what a command prints. */
    private static final class StringWriterOut {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final PrintWriter writer = new PrintWriter(bytes, true);

        PrintWriter writer() {
            return writer;
        }

        String text() {
            writer.flush();
            return bytes.toString();
        }
    }
}
