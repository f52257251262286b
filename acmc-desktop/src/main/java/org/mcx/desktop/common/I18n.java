package org.mcx.desktop.common;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The UI's text, from {@code org/mcx/desktop/messages.properties} (English first; a translation is a file away). */
public final class I18n {
    private final ResourceBundle bundle;

    public I18n(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    public static I18n load(Locale locale) {
        return new I18n(ResourceBundle.getBundle("org.mcx.desktop.messages", locale));
    }

    public static I18n english() {
        return load(Locale.ENGLISH);
    }

    /** The text for {@code key}, with {@code {0}}-style arguments filled in. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            // A missing string must be visible in the UI and in tests, not crash the window.
            return "!" + key + "!";
        }
        return args.length == 0 ? pattern : MessageFormat.format(pattern, args);
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}
