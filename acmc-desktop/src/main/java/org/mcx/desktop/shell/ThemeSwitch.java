package org.mcx.desktop.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/** AtlantaFX's Primer light and dark themes, switched for the whole application. */
public final class ThemeSwitch {
    private boolean dark;

    public ThemeSwitch(boolean dark) {
        this.dark = dark;
        apply();
    }

    public void toggle() {
        dark = !dark;
        apply();
    }

    public boolean dark() {
        return dark;
    }

    private void apply() {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }
}
