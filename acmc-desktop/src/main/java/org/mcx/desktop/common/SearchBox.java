package org.mcx.desktop.common;

import atlantafx.base.controls.CustomTextField;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** AtlantaFX's text field with a search icon (ControlsFX's clashes with the theme's CSS). */
public final class SearchBox {
    private SearchBox() {
    }

    public static CustomTextField create(String prompt) {
        CustomTextField field = new CustomTextField();
        field.setPromptText(prompt);
        field.setLeft(new FontIcon(Feather.SEARCH));
        field.setAccessibleText(prompt);
        field.setPrefColumnCount(24);
        return field;
    }
}
