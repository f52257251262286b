package org.mcx.backend.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import picocli.CommandLine;

/**
 * {@code mcx-registry create-node}: what an operator scripts to give an access-server node its
 * identity. The secret lands in a file only its owner reads, is never printed, and works.
 */
class CreateNodeCommandTest {
    @TempDir
    Path dir;
    BackendFixture registry;
    Path password;

    @BeforeEach
    void start() throws Exception {
        registry = BackendFixture.start(dir.resolve("data"));
        password = Files.writeString(dir.resolve("admin-password"), BackendFixture.ADMIN_PASSWORD + "\n");
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    @Test
    void writesAWorkingSecretOnlyItsOwnerCanReadAndPrintsNoSecret() throws Exception {
        Path secretFile = dir.resolve("node/sas-dmz-1.secret");
        Captured made = createNode("sas-dmz-1", secretFile, "sas");
        assertThat(made.code).as(made.text).isZero();
        assertThat(made.text).contains("node sas-dmz-1 made; its secret is in " + secretFile);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile))).isEqualTo("rw-------");
        String secret = Files.readString(secretFile).strip();
        assertThat(made.text).doesNotContain(secret);

        try (ProtocolClient node = ProtocolClient.builder(registry.base(), Endpoint.CSC15)
                .authenticator(Authenticator.node("sas-dmz-1", secret)).build()) {
            node.connect().get(10, TimeUnit.SECONDS);
        }

        Captured again = createNode("sas-dmz-2", secretFile, "sas");
        assertThat(again.code).isEqualTo(1);
        assertThat(again.text).contains("exists: not overwritten");
        assertThat(Files.readString(secretFile).strip()).isEqualTo(secret);
    }

    @Test
    void aTakenIdAndAWrongKindAreRefusedInWords() throws Exception {
        assertThat(createNode("sas-1", dir.resolve("a.secret"), "sas").code).isZero();
        Captured taken = createNode("sas-1", dir.resolve("b.secret"), "sas");
        assertThat(taken.code).isEqualTo(1);
        assertThat(taken.text).contains("making node sas-1 on " + registry.base() + " failed: ");
        assertThat(dir.resolve("b.secret")).doesNotExist();

        Captured kind = createNode("sas-2", dir.resolve("c.secret"), "printer");
        assertThat(kind.code).isEqualTo(2);
        assertThat(kind.text).contains("--kind must be sas or service, not printer");
    }

    private Captured createNode(String nodeId, Path secretFile, String kind) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter out = new PrintWriter(bytes, true);
        String[] args = {"create-node", "--url", registry.base().toString(), "--password-file", password.toString(),
                "--node-id", nodeId, "--kind", kind, "--secret-file", secretFile.toString()};
        CommandLine cl = org.mcx.backend.MainAccess.commandLine(args, java.util.Map.of());
        cl.setOut(out).setErr(out);
        int code = cl.execute(args);
        out.flush();
        return new Captured(code, bytes.toString());
    }

    private record Captured(int code, String text) {
    }
}
