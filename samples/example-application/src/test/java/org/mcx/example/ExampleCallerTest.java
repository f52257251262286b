package org.mcx.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceLocation;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.ServiceType;
import org.mcx.samples.SampleData;
import org.mcx.samples.SampleKind;
import org.mcx.samples.SampleServer;
import picocli.CommandLine;

/** The example's HTTP side and token timing, with the sample servers standing in for the service access server. */
class ExampleCallerTest {
    static SampleData data = new SampleData();
    static SampleServer gm;
    static SampleServer cm;
    static SampleServer mcptt;
    static SampleServer idm;

    @BeforeAll
    static void start() throws Exception {
        gm = SampleServer.start(SampleKind.GM, "gm-1", data);
        cm = SampleServer.start(SampleKind.CM, "cm-1", data);
        mcptt = SampleServer.start(SampleKind.MCPTT, "mcptt-1", data);
        idm = SampleServer.start(SampleKind.IDM, "idm-1", data);
    }

    @AfterAll
    static void stop() {
        gm.close();
        cm.close();
        mcptt.close();
        idm.close();
    }

    static ApplicationProfile at(SampleServer server, int port) {
        SampleKind k = server.kind();
        return new ApplicationProfile("ap-test-" + server.instance(), 1, "app-test",
                new ServiceRef(k.serviceType(), k.serviceInterface()),
                new ServiceLocation("http", server.host(), port, server.basePath()), null, 1L, Instant.now(), "olga");
    }

    static ExampleCaller.Outcome call(ApplicationProfile p) throws Exception {
        return new ExampleCaller("emergency", null).call(p, "alice", "token-123").get(15, TimeUnit.SECONDS);
    }

    @Test
    void eachKindOfServiceIsAskedSomethingItServes() throws Exception {
        assertThat(call(at(gm, gm.port())).status()).isEqualTo(200);
        assertThat(call(at(cm, cm.port())).status()).isEqualTo(200);
        assertThat(call(at(mcptt, mcptt.port())).status()).isEqualTo(200);
        // The identity server needs MC-Service-Id, which only the service access server adds: reached, and refused.
        assertThat(call(at(idm, idm.port())).status()).isEqualTo(401);
    }

    @Test
    void anUnreachableServiceIsAnOutcomeNotAnException() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        ExampleCaller.Outcome outcome = call(at(gm, closedPort));

        assertThat(outcome.status()).isZero();
        assertThat(outcome.failure()).isNotBlank();
        assertThat(call(at(gm, 0)).status()).as("port 0, as a profile without a SAS carries").isZero();
    }

    @Test
    void pathsPerServiceType() {
        assertThat(ExampleCaller.pathFor(ServiceType.GM, "alice")).isEqualTo("/groups");
        assertThat(ExampleCaller.pathFor(ServiceType.CM, "alice")).isEqualTo("/configuration/users/alice");
        assertThat(ExampleCaller.pathFor(ServiceType.MCPTT, "alice")).isEqualTo("/capabilities");
        assertThat(ExampleCaller.pathFor(ServiceType.IDM, "alice")).isEqualTo("/identity/userinfo");
    }

    @Test
    void aTokenIsRenewedWellBeforeItExpires() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");

        assertThat(ExampleUserToken.renewalDelay(now, now.plus(Duration.ofHours(1)))).isEqualTo(Duration.ofMinutes(54));
        assertThat(ExampleUserToken.renewalDelay(now, now.plusSeconds(120))).isEqualTo(Duration.ofSeconds(90));
        assertThat(ExampleUserToken.renewalDelay(now, now.plusSeconds(10))).isEqualTo(Duration.ofSeconds(1));
        assertThat(ExampleUserToken.renewalDelay(now, now.minusSeconds(10))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theCommandLineReadsServicesAndRefusesBadValuesAsUsageErrors() {
        ExampleCommand command = new ExampleCommand();
        new CommandLine(command).parseArgs("--registry", "ws://127.0.0.1:1", "--application-id", "app-1",
                "--secret", "s", "--user", "alice", "--password", "p", "--service", "cm:CSC-4,IDM:CSC-1");
        assertThat(command.services).containsExactly(new ServiceRef(ServiceType.CM, "CSC-4"),
                new ServiceRef(ServiceType.IDM, "CSC-1"));

        assertThat(run("--service", "GM")).isEqualTo(2);
        assertThat(run("--service", "XX:CSC-2")).isEqualTo(2);
        assertThat(run("--priority", "urgent")).as("checked before connecting").isEqualTo(2);
        assertThat(run("--interval", "0")).isEqualTo(2);
    }

    /** Runs the command with valid required options plus {@code extra}; its usage messages go nowhere. */
    private static int run(String... extra) {
        List<String> args = new ArrayList<>(List.of("--registry", "ws://127.0.0.1:1", "--application-id", "app-1",
                "--secret", "s", "--user", "alice", "--password", "p"));
        args.addAll(List.of(extra));
        CommandLine cmd = new CommandLine(new ExampleCommand());
        cmd.setErr(new PrintWriter(new StringWriter()));
        cmd.setOut(new PrintWriter(new StringWriter()));
        return cmd.execute(args.toArray(String[]::new));
    }
}
