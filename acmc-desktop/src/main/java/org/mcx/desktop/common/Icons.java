package org.mcx.desktop.common;

import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Buttons with Ikonli icons; an icon-only button always carries accessible text and a tooltip. */
public final class Icons {
    private Icons() {
    }

    public static FontIcon icon(Ikon ikon) {
        return new FontIcon(ikon);
    }

    public static Button iconOnly(Ikon ikon, String description) {
        Button b = new Button(null, new FontIcon(ikon));
        b.setAccessibleText(description);
        b.setTooltip(new Tooltip(description));
        b.getStyleClass().addAll(atlantafx.base.theme.Styles.BUTTON_ICON, atlantafx.base.theme.Styles.FLAT);
        return b;
    }

    public static Button labelled(Ikon ikon, String text) {
        Button b = new Button(text, new FontIcon(ikon));
        b.setAccessibleText(text);
        return b;
    }
}
