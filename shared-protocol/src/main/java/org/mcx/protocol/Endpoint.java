package org.mcx.protocol;

import java.util.Optional;

/** The five WebSocket paths of the listener; the path picks the peer and its allowed messages. */
public enum Endpoint {
    ACMC("/acmc"),
    CSC14("/csc14"),
    CSC15("/csc15"),
    REGISTRATION("/registration"),
    ACMS("/acms");

    private final String path;

    Endpoint(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public static Optional<Endpoint> ofPath(String path) {
        for (Endpoint e : values()) {
            if (e.path.equals(path)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
