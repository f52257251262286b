package org.mcx.desktop.audit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;

/**
 * Where "Export CSV" offers to save: the folder used last time, else the user's Documents folder,
 * else their home — never the directory the console happened to be started from.
 */
public final class ExportFolder {
    private static final String KEY = "exportFolder";
    private final Preferences prefs;
    private final Path home;

    public ExportFolder(Preferences prefs, Path home) {
        this.prefs = prefs;
        this.home = home;
    }

    public static ExportFolder user() {
        return new ExportFolder(Preferences.userRoot().node("org/mcx/acmc"), Path.of(System.getProperty("user.home")));
    }

    public File initial() {
        String last = prefs.get(KEY, null);
        if (last != null && Files.isDirectory(Path.of(last))) {
            return new File(last);
        }
        Path documents = home.resolve("Documents");
        return (Files.isDirectory(documents) ? documents : home).toFile();
    }

    public void remember(File chosen) {
        File folder = chosen.isDirectory() ? chosen : chosen.getParentFile();
        if (folder != null) {
            prefs.put(KEY, folder.getAbsolutePath());
        }
    }
}
