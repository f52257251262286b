package org.mcx.protocol.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * User tokens (the bearer tokens of {@code auth.user}) as {@code mcx1.<claims>.<signature>}: the
 * claims name the application and the MC service user, when the token was issued and until when
 * it is valid, plus 128 random bits; the signature is Ed25519 by the registry. A service access
 * server verifies a token with the registry's public key alone, so a forged token is refused
 * without a round trip and a registry outage does not stop valid traffic. Revocation is by user:
 * tokens issued before the user's {@code tokensRevokedBefore} are refused. Here: the format and
 * its verification, which a service access server needs; signing stays with the registry.
 */
public final class UserTokenFormat {
    public static final String PREFIX = "mcx1.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private UserTokenFormat() {
    }

    /** What a valid token stands for. */
    public record Claims(String applicationId, String mcServiceId, Instant issuedAt, Instant expiresAt) {
        public boolean expired(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    /**
     * The part of a token that is signed: the prefix and the claims, with 128 random bits so that no
     * two tokens are alike. The registry signs it (the private key never leaves it) and appends
     * {@code "." + base64url(signature)}.
     */
    public static String unsigned(Claims claims) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String payload = JSON.createObjectNode()
                .put("app", claims.applicationId()).put("sub", claims.mcServiceId())
                .put("iat", claims.issuedAt().toEpochMilli()).put("exp", claims.expiresAt().toEpochMilli())
                .put("jti", B64.encodeToString(nonce)).toString();
        return PREFIX + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }

    /** The claims of a token signed by {@code key}, or empty for anything forged, damaged or foreign. */
    public static Optional<Claims> verify(PublicKey key, String token) {
        if (token == null || token.length() > 1024 || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int dot = token.lastIndexOf('.');
        if (dot <= PREFIX.length()) {
            return Optional.empty();
        }
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(key);
            ed.update(token.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
            if (!ed.verify(B64D.decode(token.substring(dot + 1)))) {
                return Optional.empty();
            }
            JsonNode c = JSON.readTree(B64D.decode(token.substring(PREFIX.length(), dot)));
            return Optional.of(new Claims(c.path("app").asText(), c.path("sub").asText(),
                    Instant.ofEpochMilli(c.path("iat").asLong()), Instant.ofEpochMilli(c.path("exp").asLong())));
        } catch (GeneralSecurityException | IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** A public key from its X.509 encoding in base64, as CSC-15 carries it. */
    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }
}
