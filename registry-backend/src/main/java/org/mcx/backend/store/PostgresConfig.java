package org.mcx.backend.store;

import java.util.Locale;

/**
 * Where the PostgreSQL store is and who the backend is there. The password comes from a file and
 * is never shown: {@link #toString()} and {@link #where()} leave it out, and a URL that carries a
 * password itself is refused, so that it cannot end up in a log, a process list or a config dump.
 *
 * @param url      {@code jdbc:postgresql://host:5432/mcx}, optionally with driver parameters
 *                 (e.g. {@code ?sslmode=verify-full}) but without user or password
 * @param user     the role the backend logs in as; null: the driver's default (the OS user)
 * @param password the role's password; null: none (e.g. peer or certificate authentication)
 */
public record PostgresConfig(String url, String user, String password) {
    public static final String URL_PREFIX = "jdbc:postgresql://";

    public PostgresConfig {
        if (url == null || !url.startsWith(URL_PREFIX)) {
            throw new IllegalArgumentException("database must be a PostgreSQL JDBC URL such as "
                    + URL_PREFIX + "db.example.org:5432/mcx, not " + (url == null ? "nothing" : safe(url)));
        }
        String query = url.contains("?") ? url.substring(url.indexOf('?') + 1).toLowerCase(Locale.ROOT) : "";
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("password=") || parameter.startsWith("user=")) {
                throw new IllegalArgumentException("database: put the user in database-user and the password in"
                        + " database-password-file, not in the URL (it would show in logs and process lists)");
            }
        }
    }

    /** The URL without its parameters: what may be logged and put into messages. */
    public String where() {
        return safe(url);
    }

    private static String safe(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    @Override
    public String toString() {
        return "PostgresConfig[" + where() + ", user=" + user + ", password=" + (password == null ? "none" : "(from file)") + "]";
    }
}
