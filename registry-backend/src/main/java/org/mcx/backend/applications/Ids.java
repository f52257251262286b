package org.mcx.backend.applications;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Identifiers of applications, authorization requests and profiles: a prefix and 48 random bits.
 * Random rather than sequential, so an id tells an outsider nothing about how many exist; the
 * tables' primary keys refuse the (negligible) collision.
 */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String application() {
        return next("app-");
    }

    static String authorization() {
        return next("auth-");
    }

    static String profile() {
        return next("ap-");
    }

    private static String next(String prefix) {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
