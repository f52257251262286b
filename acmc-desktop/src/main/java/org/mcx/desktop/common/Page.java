package org.mcx.desktop.common;

import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/** One view of the shell: a title, an icon, its node, and what Ctrl+F and Ctrl+S do on it. */
public interface Page {
    String id();

    String title();

    Ikon icon();

    Node node();

    /** Shown (again): reload if needed, put the focus where the keyboard user expects it. */
    default void shown() {
    }

    /** Ctrl+F: focus the search box; false when this view has none. */
    default boolean focusSearch() {
        return false;
    }

    /** Ctrl+N: start the view's "new …" (user, partner, request, …); false when it has none for this user. */
    default boolean create() {
        return false;
    }

    /** Ctrl+S: save what is being edited; false when there is nothing to save. */
    default boolean save() {
        return false;
    }
}
