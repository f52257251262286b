package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mcx.backend.identity.SignedTokens;
import org.mcx.backend.identity.TokenSigner;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/** Tokens signed with the registry's real key that must still not pass. */
class TokenChecksTest extends SasTestBase {
    @Test
    void anExpiredTokenIsRefusedAs401() throws Exception {
        TokenSigner signer = registry.backend().identity().tokenSigner();
        Instant past = Instant.now().minus(Duration.ofHours(2));
        String expired = SignedTokens.sign(signer, applicationId, "alice", past, past.plus(Duration.ofHours(1)));
        String fresh = SignedTokens.sign(signer, applicationId, "alice", Instant.now(),
                Instant.now().plus(Duration.ofHours(1)));

        assertThat(get("/services/" + profileId + "/groups", fresh, null).statusCode())
                .as("the same claims, not expired, pass").isEqualTo(200);
        HttpResponse<String> r = get("/services/" + profileId + "/groups", expired, null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void anotherApplicationsTokenCannotUseThisApplicationsProfile() throws Exception {
        Console.ApplicationCreated other = admin.call(MessageType.APPLICATIONS_CREATE,
                new Console.CreateApplication("Other board", true), Console.ApplicationCreated.class);
        String othersToken = SignedTokens.sign(registry.backend().identity().tokenSigner(), other.applicationId(),
                "alice", Instant.now(), Instant.now().plus(Duration.ofHours(1)));

        HttpResponse<String> r = get("/services/" + profileId + "/groups", othersToken, null);

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(upstreamA.hits.get() + upstreamB.hits.get()).isZero();
        assertThat(sas.counters().snapshot().denied("not-authorized")).isEqualTo(1);
    }
}
