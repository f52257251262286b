package org.mcx.backend.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class UserTokenFormatTest {
    private final KeyPair registry = ed25519();
    private final KeyPair impostor = ed25519();
    private final Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private final UserTokenFormat.Claims claims =
            new UserTokenFormat.Claims("app-1", "alice", now, now.plusSeconds(3600));

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSignedTokenVerifiesToItsClaims() {
        String token = UserTokenFormat.sign(registry.getPrivate(), claims);
        assertThat(token).startsWith("mcx1.");
        assertThat(UserTokenFormat.verify(registry.getPublic(), token)).contains(claims);
        assertThat(UserTokenFormat.sign(registry.getPrivate(), claims)).as("each token is unique").isNotEqualTo(token);
    }

    @Test
    void forgedTamperedOrForeignTokensAreRefused() {
        String token = UserTokenFormat.sign(registry.getPrivate(), claims);
        String payload = token.substring(5, token.lastIndexOf('.'));
        String otherUser = new String(Base64.getUrlDecoder().decode(payload)).replace("alice", "mallory");
        String tampered = "mcx1." + Base64.getUrlEncoder().withoutPadding().encodeToString(otherUser.getBytes())
                + token.substring(token.lastIndexOf('.'));
        assertThat(UserTokenFormat.verify(registry.getPublic(), tampered)).isEmpty();
        assertThat(UserTokenFormat.verify(registry.getPublic(), UserTokenFormat.sign(impostor.getPrivate(), claims))).isEmpty();
        for (String junk : new String[] {"", "mcx1.", "mcx1..", "Bearer x", "mcx1.!!!.???", "x".repeat(5000)}) {
            assertThat(UserTokenFormat.verify(registry.getPublic(), junk)).as(junk).isEmpty();
        }
    }

    @Test
    void expiryIsTheCallersToCheck() {
        assertThat(claims.expired(now.plusSeconds(3599))).isFalse();
        assertThat(claims.expired(now.plusSeconds(3600))).isTrue();
    }

    @Test
    void thePublicKeyTravelsAsBase64() {
        String b64 = Base64.getEncoder().encodeToString(registry.getPublic().getEncoded());
        String token = UserTokenFormat.sign(registry.getPrivate(), claims);
        assertThat(UserTokenFormat.verify(UserTokenFormat.publicKey(b64), token)).contains(claims);
    }
}
