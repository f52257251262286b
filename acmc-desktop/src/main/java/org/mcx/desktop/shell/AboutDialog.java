package org.mcx.desktop.shell;

import javafx.scene.control.Alert;
import javafx.stage.Window;
import org.mcx.desktop.common.I18n;
import org.mcx.protocol.Version;

/** Which console this is: the project's one version (the backend's {@code --version} shows the same), and its runtimes. */
final class AboutDialog {
    private AboutDialog() {
    }

    static String text(I18n i18n, String connectedTo) {
        return i18n.get("about.text", Version.current(), System.getProperty("java.runtime.version"),
                System.getProperty("javafx.runtime.version", "?"), connectedTo);
    }

    static void show(Window owner, I18n i18n, String connectedTo) {
        Alert about = new Alert(Alert.AlertType.INFORMATION);
        about.initOwner(owner);
        about.setTitle(i18n.get("about.title"));
        about.setHeaderText(i18n.get("about.header", Version.current()));
        about.setContentText(text(i18n, connectedTo));
        about.show();
    }
}
