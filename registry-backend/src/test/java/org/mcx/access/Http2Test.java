package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.mcx.protocol.client.PinnedCertificate;
import org.mcx.server.SelfSignedCertificate;

/** Over TLS the service access server speaks HTTP/2 to clients that negotiate it, HTTP/1.1 to the rest. */
class Http2Test extends SasTestBase {
    @Test
    void http2ClientsAreServedOverTlsWithEveryCheckAndManyStreamsOnOneConnection() throws Exception {
        Path keystore = SelfSignedCertificate.ensure(dir.resolve("sas-tls"), "localhost");
        String password = SelfSignedCertificate.password(keystore);
        String fingerprint = SelfSignedCertificate.fingerprint(keystore, password);
        try (AccessServer secure = AccessServer.start(AccessConfig.defaults("127.0.0.1", 0).withTls(keystore, password)
                .withLimits(4096, 1000, 1000), registry.base(), "sas-1", sasSecret, null)) {
            HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                    .sslContext(PinnedCertificate.trusting(fingerprint)).connectTimeout(Duration.ofSeconds(5)).build();
            URI groups = URI.create("https://localhost:" + secure.port() + "/services/" + profileId + "/groups");

            List<CompletableFuture<HttpResponse<String>>> many = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                many.add(h2.sendAsync(HttpRequest.newBuilder(groups).header("Authorization", "Bearer " + token)
                        .header("MC-Priority", "emergency").build(), HttpResponse.BodyHandlers.ofString()));
            }
            HttpResponse<String> refused = h2.send(HttpRequest.newBuilder(groups).build(),
                    HttpResponse.BodyHandlers.ofString());

            for (CompletableFuture<HttpResponse<String>> f : many) {
                HttpResponse<String> r = f.get();
                assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains("\"mcServiceId\":\"alice\"").contains("\"priority\":\"emergency\"")
                        .contains("\"authorization\":\"null\"").doesNotContain("x-http2");
                assertThat(r.headers().firstValue("server")).isEmpty();
            }
            assertThat(refused.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("content-type")).contains("application/problem+json");

            HttpClient h1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(PinnedCertificate.trusting(fingerprint)).build();
            HttpResponse<String> old = h1.send(HttpRequest.newBuilder(groups).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(old.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(old.statusCode()).isEqualTo(200);
        }
    }
}
