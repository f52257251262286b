package org.mcx.protocol.token;

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

    /** Signs as the registry does (its signer lives in the backend; the format and verification here). */
    private static String sign(java.security.PrivateKey key, UserTokenFormat.Claims claims) {
        String unsigned = UserTokenFormat.unsigned(claims);
        try {
            java.security.Signature ed = java.security.Signature.getInstance("Ed25519");
            ed.initSign(key);
            ed.update(unsigned.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(ed.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSignedTokenVerifiesToItsClaims() {
        String token = sign(registry.getPrivate(), claims);
        assertThat(token).startsWith("mcx1.");
        assertThat(UserTokenFormat.verify(registry.getPublic(), token)).contains(claims);
        assertThat(sign(registry.getPrivate(), claims)).as("each token is unique").isNotEqualTo(token);
    }

    @Test
    void forgedTamperedOrForeignTokensAreRefused() {
        String token = sign(registry.getPrivate(), claims);
        String payload = token.substring(5, token.lastIndexOf('.'));
        String otherUser = new String(Base64.getUrlDecoder().decode(payload)).replace("alice", "mallory");
        String tampered = "mcx1." + Base64.getUrlEncoder().withoutPadding().encodeToString(otherUser.getBytes())
                + token.substring(token.lastIndexOf('.'));
        assertThat(UserTokenFormat.verify(registry.getPublic(), tampered)).isEmpty();
        assertThat(UserTokenFormat.verify(registry.getPublic(), sign(impostor.getPrivate(), claims))).isEmpty();
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
        String token = sign(registry.getPrivate(), claims);
        assertThat(UserTokenFormat.verify(UserTokenFormat.publicKey(b64), token)).contains(claims);
    }
}
