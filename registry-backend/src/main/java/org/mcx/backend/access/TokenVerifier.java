package org.mcx.backend.access;

import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mcx.backend.identity.UserTokenFormat;

/**
 * Verifies bearer user tokens with the registry's public key, remembering verified ones so that a
 * signature is checked once per token, not once per request. Forged tokens are not remembered: the
 * cache cannot be filled by an attacker, and refusing one costs a signature check (tens of µs).
 */
final class TokenVerifier {
    static final int MAX_CACHED = 100_000;

    private final Map<String, UserTokenFormat.Claims> verified = new ConcurrentHashMap<>();
    private volatile PublicKey key;

    Optional<UserTokenFormat.Claims> verify(PublicKey currentKey, String token) {
        if (currentKey == null) {
            return Optional.empty();
        }
        if (currentKey != key) {
            verified.clear();
            key = currentKey;
        }
        UserTokenFormat.Claims claims = verified.get(token);
        if (claims != null) {
            return Optional.of(claims);
        }
        Optional<UserTokenFormat.Claims> checked = UserTokenFormat.verify(currentKey, token);
        checked.ifPresent(c -> {
            if (verified.size() >= MAX_CACHED) {
                verified.clear();
            }
            verified.put(token, c);
        });
        return checked;
    }
}
