package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mcx.backend.testing.BackendProcess;
import org.mcx.protocol.client.PinnedCertificate;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/**
 * The service access server as the access-server package runs it: its own process and main, its
 * own settings file, TLS by default with a certificate it makes, fed by a registry it connects out
 * to. An application's request goes through it to the service; nothing of the registry is needed
 * beside it.
 */
class StandaloneAccessServerTest extends SasTestBase {
    private static final String MAIN = "org.mcx.access.Main";
    private static final Pattern FINGERPRINT = Pattern.compile("fingerprint ([0-9A-F:]{95})");

    @Test
    void servesApplicationsOverTlsFromItsOwnSettingsFileAndStopsCleanly() throws Exception {
        Path secretFile = nodeSecret("sas-dmz");
        Path conf = Files.writeString(dir.resolve("access-server.conf"), String.join("\n",
                "registry = " + registry.base(),
                "node-id = sas-dmz",
                "node-secret-file = " + secretFile,
                "bind = 127.0.0.1",
                "port = 8444",
                "state-dir = " + dir.resolve("sas-state"),
                "log-dir = " + dir.resolve("sas-log"),
                "ops-port = " + freePort(), ""));
        try (BackendProcess node = BackendProcess.launch(MAIN, List.of("--config", conf.toString()), Map.of("MCX_PORT", "0"))) {
            assertThat(node.base().getScheme()).as("TLS by default").isEqualTo("https");
            Matcher m = FINGERPRINT.matcher(node.output());
            assertThat(m.find()).as(node.output()).isTrue();
            assertThat(dir.resolve("sas-state/tls/server.p12")).exists();

            HttpClient https = HttpClient.newBuilder().sslContext(PinnedCertificate.trusting(m.group(1)))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> served = https.send(HttpRequest.newBuilder(node.base().resolve("/services/" + profileId + "/groups"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
            assertThat(served.version()).as("HTTP/2 by ALPN").isEqualTo(HttpClient.Version.HTTP_2);
            EchoUpstream.Seen seen = received.requests.poll(5, TimeUnit.SECONDS);
            assertThat(seen).isNotNull();
            assertThat(seen.target()).endsWith("/groups");

            HttpResponse<String> refused = https.send(HttpRequest.newBuilder(node.base().resolve("/services/" + profileId + "/groups")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);

            URI ops = URI.create("http://127.0.0.1:" + Files.readString(conf).lines()
                    .filter(l -> l.startsWith("ops-port = ")).findFirst().orElseThrow().substring("ops-port = ".length()));
            assertThat(plain(ops.resolve("/health/ready")).statusCode()).isEqualTo(200);
            assertThat(plain(ops.resolve("/metrics")).body()).contains("mcx_sas_requests_forwarded_total 1")
                    .contains("mcx_sas_requests_denied_total{reason=\"bad-token\"} 1");

            assertThat(node.terminate()).isEqualTo(143);
            assertThat(node.output()).contains("stopped");
        }
        String log = Files.readString(dir.resolve("sas-log/access-server.log"));
        assertThat(log).contains("CSC-15 snapshot").contains("service access server on 127.0.0.1:");
        assertThat(log).doesNotContain(Files.readString(secretFile).strip());
    }

    /**
     * The trade-off of registry-grace: a node told to ride out an outage goes on serving on its
     * grants, one with the default refuses (503) once its grace is over. And a node given several
     * registry nodes starts on the one that answers.
     */
    @Test
    void whenEveryRegistryNodeIsLostANodeServesOnItsGrantsForItsGraceAndThenRefuses() throws Exception {
        URI dead = URI.create("ws://127.0.0.1:" + freePort());
        try (AccessServer patient = AccessServer.start(AccessConfig.defaults("127.0.0.1", 0).withGrace(Duration.ofMinutes(5)),
                List.of(dead, registry.base()), "sas-1b", nodeSecretValue("sas-1b"), null)) {
            assertThat(call(sas.port()).statusCode()).isEqualTo(200);
            assertThat(call(patient.port()).statusCode()).isEqualTo(200);

            URI patientOps = URI.create("http://127.0.0.1:" + patient.openOps("127.0.0.1", 0));
            URI hastyOps = URI.create("http://127.0.0.1:" + sas.openOps("127.0.0.1", 0));
            assertThat(plain(hastyOps.resolve("/health/ready")).statusCode()).isEqualTo(200);
            registry.close();
            registry = null;
            HttpResponse<String> refused = null;
            for (int i = 0; i < 150 && (refused == null || refused.statusCode() != 503); i++) {
                Thread.sleep(100);
                refused = call(sas.port());
            }
            assertThat(refused.statusCode()).as("the default node, its 2 s grace over").isEqualTo(503);
            assertThat(refused.body()).contains("resynchronised");
            assertThat(call(patient.port()).statusCode()).as("the node with 5 minutes' grace").isEqualTo(200);
            assertThat(plain(hastyOps.resolve("/health/ready")).statusCode()).as("a balancer stops sending to it").isEqualTo(503);
            assertThat(plain(patientOps.resolve("/health/ready")).statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> plain(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/services/" + profileId + "/groups"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String nodeSecretValue(String nodeId) throws Exception {
        return Files.readString(nodeSecret(nodeId)).strip();
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aNodeTheRegistryRefusesSaysSoAndExitsForItsServiceManagerToRetry() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong-secret"), "not-the-secret");
        Exited exited = run("--registry", registry.base().toString(), "--node-id", "sas-1",
                "--node-secret-file", wrong.toString(), "--bind", "127.0.0.1", "--port", "0", "--tls=false");
        assertThat(exited.code).as(exited.output).isEqualTo(Main.REGISTRY_UNAVAILABLE);
        assertThat(exited.output).contains("no grants from the registry " + registry.base() + " as node sas-1");
    }

    @Test
    void plainHttpOffLoopbackAndMissingSettingsAreRefusedInWords() throws Exception {
        Path secret = nodeSecret("sas-plain");
        Exited plain = run("--registry", registry.base().toString(), "--node-id", "sas-plain",
                "--node-secret-file", secret.toString(), "--bind", "0.0.0.0", "--port", "0", "--tls=false");
        assertThat(plain.code).isEqualTo(2);
        assertThat(plain.output).contains("--tls=false is allowed on loopback only");

        Exited noTls = run("--registry", registry.base().toString(), "--node-id", "sas-plain",
                "--node-secret-file", secret.toString(), "--port", "0");
        assertThat(noTls.code).isEqualTo(2);
        assertThat(noTls.output).contains("TLS needs --tls-keystore");

        Exited missing = run("--port", "0");
        assertThat(missing.code).isEqualTo(2);
        assertThat(missing.output).contains("--registry, --node-id and --node-secret-file are required");

        Path typo = Files.writeString(dir.resolve("typo.conf"), "registyr = wss://x\n");
        Exited unknown = run("--config", typo.toString());
        assertThat(unknown.code).isEqualTo(2);
        assertThat(unknown.output).contains("unknown setting(s) [registyr]");
    }

    private Path nodeSecret(String nodeId) throws Exception {
        String secret = admin.call(MessageType.NODES_CREATE, new Console.CreateNode(nodeId, Console.NodeKind.SAS),
                Console.NodeCreated.class).secret();
        return Files.writeString(dir.resolve(nodeId + ".secret"), secret + "\n");
    }

    /**
     * The run a package makes its class-data archive from: no registry, a certificate made for it
     * and removed after, the node's TLS with HTTP/1.1 and HTTP/2 served, then exit 0.
     */
    @Test
    void theClassArchiveTrainingServesItselfWithoutARegistryAndExits() throws Exception {
        Exited exited = run("--class-archive-training", "--warm-up=2s");
        assertThat(exited.code).as(exited.output).isZero();
        assertThat(exited.output).contains("HTTP/1.1 and HTTP/2 over TLS").containsPattern("class-data training: [1-9][0-9]* requests");
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("its certificate's directory is removed")
                    .noneMatch(n -> n.startsWith("mcx-sas-training"));
        }
    }

    private record Exited(int code, String output) {
    }

    private static Exited run(String... args) throws Exception {
        Process p = new ProcessBuilder(BackendProcess.command(MAIN, List.of(args))).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Exited(p.exitValue(), output);
    }
}
