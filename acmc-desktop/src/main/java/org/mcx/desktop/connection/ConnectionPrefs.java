package org.mcx.desktop.connection;

import java.util.prefs.Preferences;

/** What the connect window remembers between runs: the server address (never a password). */
public final class ConnectionPrefs {
    private static final String SERVER = "server";
    private final Preferences prefs;

    public ConnectionPrefs(Preferences prefs) {
        this.prefs = prefs;
    }

    public static ConnectionPrefs user() {
        return new ConnectionPrefs(Preferences.userRoot().node("org/mcx/acmc"));
    }

    public String server() {
        return prefs.get(SERVER, "ws://127.0.0.1:8443");
    }

    public void rememberServer(String url) {
        prefs.put(SERVER, url);
    }
}
