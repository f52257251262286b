package org.mcx.desktop.common;

import java.util.function.Function;
import javafx.util.StringConverter;

/** Shows values in a choice box or combo box in words rather than by their constant names. */
public final class Words {
    private Words() {
    }

    public static <T> StringConverter<T> converter(Function<T, String> words) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : words.apply(value);
            }

            @Override
            public T fromString(String text) {
                throw new UnsupportedOperationException("chosen from the list, not typed");
            }
        };
    }
}
