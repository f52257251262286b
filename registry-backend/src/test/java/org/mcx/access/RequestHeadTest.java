package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * RFC 9112's rules for a request head, through the real proxy with raw bytes: exactly one valid
 * {@code Host}, no TRACE or CONNECT, absolute-form targets accepted, only HTTP/1.1 and HTTP/1.0, and
 * a target made of RFC 3986's characters. What is refused never reaches a service.
 */
class RequestHeadTest extends SasTestBase {
    private String auth() {
        return "Authorization: Bearer " + token + "\r\n";
    }

    private String path(String rest) {
        return "/services/" + profileId + rest;
    }

    private RawClient.Response exchange(String request) throws Exception {
        try (RawClient client = new RawClient(sas.port())) {
            return client.send(request).read();
        }
    }

    @Test
    void aMissingDuplicateOrInvalidHostIs400() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("no Host", "GET " + path("/groups") + " HTTP/1.1\r\n" + auth() + "\r\n");
        cases.put("two Host", "GET " + path("/groups") + " HTTP/1.1\r\nHost: sas\r\nHost: sas\r\n" + auth() + "\r\n");
        cases.put("two different Host", "GET " + path("/groups") + " HTTP/1.1\r\nHost: sas\r\n" + auth() + "Host: internal\r\n\r\n");
        cases.put("Host with user information", "GET " + path("/groups") + " HTTP/1.1\r\nHost: admin@sas\r\n" + auth() + "\r\n");
        cases.put("Host with a path", "GET " + path("/groups") + " HTTP/1.1\r\nHost: sas/x\r\n" + auth() + "\r\n");
        cases.put("Host with a bad port", "GET " + path("/groups") + " HTTP/1.1\r\nHost: sas:80a\r\n" + auth() + "\r\n");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            RawClient.Response r = exchange(c.getValue());
            assertThat(r.status()).as(c.getKey()).isEqualTo(400);
            assertThat(r.header("Content-Type")).as(c.getKey()).isEqualTo("application/problem+json");
            assertThat(r.text()).as(c.getKey()).contains("\"detail\":\"Host: ");
        }
        assertThat(upstreamA.hits.get() + upstreamB.hits.get()).as("requests that reached a service").isZero();

        assertThat(exchange("GET " + path("/groups") + " HTTP/1.1\r\nHost: [::1]:8444\r\n" + auth() + "\r\n").status())
                .as("an IP literal with a port").isEqualTo(200);
        assertThat(exchange("GET " + path("/groups") + " HTTP/1.0\r\n" + auth() + "\r\n").status())
                .as("HTTP/1.0 may go without Host").isEqualTo(200);
    }

    @Test
    void traceAndConnectAreNotForwarded() throws Exception {
        for (String request : new String[] {
                "TRACE " + path("/groups") + " HTTP/1.1\r\nHost: sas\r\n" + auth() + "\r\n",
                "trace " + path("/groups") + " HTTP/1.1\r\nHost: sas\r\n" + auth() + "\r\n",
                "CONNECT gm.internal:443 HTTP/1.1\r\nHost: gm.internal:443\r\n" + auth() + "\r\n"}) {
            RawClient.Response r = exchange(request);
            assertThat(r.status()).as(request).isEqualTo(501);
            assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(r.text()).contains("\"detail\":\"method: ").doesNotContain(token);
        }
        assertThat(upstreamA.hits.get() + upstreamB.hits.get()).isZero();
        assertThat(sas.counters().snapshot().denied("bad-method")).isEqualTo(3);
    }

    @Test
    void anAbsoluteFormTargetIsServedByItsPathWhateverItsAuthority() throws Exception {
        RawClient.Response r = exchange("GET http://sas.example.org" + path("/groups?active=true") + " HTTP/1.1\r\n"
                + "Host: sas.example.org\r\n" + auth() + "\r\n");
        assertThat(r.status()).isEqualTo(200);
        EchoUpstream.Seen seen = received.requests.poll(10, TimeUnit.SECONDS);
        assertThat(seen.target()).isEqualTo("/gm/groups?active=true");

        // RFC 9112 §3.2.2: the target's authority, not Host, names the server; neither chooses the service.
        assertThat(exchange("GET HTTPS://other.example:8444" + path("/groups") + " HTTP/1.1\r\nHost: sas.example.org\r\n"
                + auth() + "\r\n").status()).isEqualTo(200);
        assertThat(received.requests.poll(10, TimeUnit.SECONDS).target()).isEqualTo("/gm/groups");

        for (String target : new String[] {"http://admin@sas" + path("/groups"), "ftp://sas" + path("/groups"),
                "http://" + path("/groups"), "http:" + path("/groups")}) {
            RawClient.Response bad = exchange("GET " + target + " HTTP/1.1\r\nHost: sas\r\n" + auth() + "\r\n");
            assertThat(bad.status()).as(target).isEqualTo(400);
            assertThat(bad.text()).as(target).contains("request-target: ");
        }
        assertThat(received.requests).as("nothing else reached a service").isEmpty();
    }

    @Test
    void onlyHttp11And10AndRfc3986TargetsAreServed() throws Exception {
        for (String version : new String[] {"HTTP/1.2", "http/1.1", "HTTP/0.9", "HTTP/2.0"}) {
            RawClient.Response r = exchange("GET " + path("/groups") + " " + version + "\r\nHost: sas\r\n" + auth() + "\r\n");
            assertThat(r.status()).as(version).isEqualTo(505);
            assertThat(r.closes()).as(version).isTrue();
        }
        for (String rest : new String[] {"/gr\u00e9ups", "/groups?q={\"a\":1}", "/gr|oups", "/groups#top", "/groups%zz",
                "/groups%2"}) {
            RawClient.Response r = exchange("GET " + path(rest) + " HTTP/1.1\r\nHost: sas\r\n" + auth() + "\r\n");
            assertThat(r.status()).as(rest).isEqualTo(400);
            assertThat(r.text()).as(rest).contains("request-target: ");
        }
        RawClient.Response coded = exchange("GET " + path("/groups") + " HTTP/1.1\r\nHost: sas\r\n" + auth()
                + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
        assertThat(coded.status()).as("a transfer coding the SAS cannot undo").isEqualTo(501);
        assertThat(upstreamA.hits.get() + upstreamB.hits.get()).isZero();

        assertThat(exchange("GET " + path("/groups/fire%20north?q=a%2Cb&x=/y?z") + " HTTP/1.1\r\nHost: sas\r\n"
                + auth() + "\r\n").status()).as("percent-encoded, with / and ? in the query").isEqualTo(200);
        assertThat(received.requests.poll(10, TimeUnit.SECONDS).target()).isEqualTo("/gm/groups/fire%20north?q=a%2Cb&x=/y?z");
    }
}
