package org.mcx.desktop.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Export CSV" starts in Documents (or home), then where the last export went; never the working directory. */
class ExportFolderTest {
    @TempDir
    Path home;
    final Preferences prefs = Preferences.userRoot().node("org/mcx/acmc-test/export-folder");

    @AfterEach
    void forget() throws Exception {
        prefs.removeNode();
    }

    @Test
    void documentsThenHomeThenTheLastFolderUsed() throws Exception {
        ExportFolder folder = new ExportFolder(prefs, home);
        assertThat(folder.initial()).isEqualTo(home.toFile());
        assertThat(folder.initial().getAbsoluteFile()).isNotEqualTo(new File(".").getAbsoluteFile());
        Path documents = Files.createDirectory(home.resolve("Documents"));
        assertThat(folder.initial()).isEqualTo(documents.toFile());
        Path reports = Files.createDirectory(home.resolve("reports"));
        folder.remember(reports.resolve("audit.csv").toFile());
        assertThat(new ExportFolder(prefs, home).initial()).isEqualTo(reports.toFile());
    }
}
