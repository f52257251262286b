package org.mcx.access;

import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mcx.protocol.token.UserTokenFormat;

/**
 * Verifies bearer user tokens with the registry's public key, remembering verified ones so that a
 * signature is checked once per token, not once per request. Forged tokens are not remembered: the
 * cache cannot be filled by an attacker, and refusing one costs a signature check (tens of µs).
 * Remembered by the whole {@code Authorization} value, so a request that hits the cache copies
 * nothing out of its header.
 */
final class TokenVerifier {
    static final int MAX_CACHED = 100_000;

    private final Map<String, UserTokenFormat.Claims> verified = new ConcurrentHashMap<>();
    private volatile PublicKey key;

    /** @param authorization the {@code Authorization} header as sent ({@code Bearer <token>}), or null */
    Optional<UserTokenFormat.Claims> verify(PublicKey currentKey, String authorization) {
        if (currentKey == null || authorization == null) {
            return Optional.empty();
        }
        if (currentKey != key) {
            verified.clear();
            key = currentKey;
        }
        UserTokenFormat.Claims claims = verified.get(authorization);
        if (claims != null) {
            return Optional.of(claims);
        }
        String token = bearer(authorization);
        if (token == null) {
            return Optional.empty();
        }
        Optional<UserTokenFormat.Claims> checked = UserTokenFormat.verify(currentKey, token);
        checked.ifPresent(c -> {
            if (verified.size() >= MAX_CACHED) {
                verified.clear();
            }
            verified.put(authorization, c);
        });
        return checked;
    }

    private static String bearer(String value) {
        if (value.length() < 8 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return value.substring(7).trim();
    }
}
