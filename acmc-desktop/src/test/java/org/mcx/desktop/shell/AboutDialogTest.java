package org.mcx.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mcx.desktop.testing.Direct;
import org.mcx.protocol.Version;

class AboutDialogTest {
    @Test
    void theAboutTextShowsTheProjectsOneVersionAndTheServer() {
        String text = AboutDialog.text(Direct.I18N, "mcx-a (primary)");

        assertThat(Version.current()).isNotBlank().doesNotContain("${");
        assertThat(text).contains("Version " + Version.current()).contains("Connected to: mcx-a (primary)");
    }
}
