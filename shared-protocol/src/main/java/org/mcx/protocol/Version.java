package org.mcx.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The one version of the whole project (the parent pom's {@code <version>}), as built.
 *
 * <p>Maven writes it into {@code org/mcx/protocol/version.properties} when shared-protocol is
 * built, so every module that ships this jar — the backend's {@code --version}, the console's
 * About dialog, the installers — shows the same string without reading a manifest (a shaded or
 * jpackaged jar may not keep the one that would say it).
 */
public final class Version {
    private static final String RESOURCE = "version.properties";
    private static final String CURRENT = load();

    private Version() {
    }

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String current() {
        return CURRENT;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing beside " + Version.class.getName());
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").strip();
            if (v.isEmpty() || v.contains("${")) {
                // Built without Maven's filtering (an IDE compiling the sources alone): say so plainly.
                return "development";
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
