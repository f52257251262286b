package org.mcx.desktop.common;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.Ikon;

/**
 * A {@link ListPage} with the message line of its commands under it, standing in for that page:
 * the views that add, edit and delete rows (users, nodes, partners).
 */
public abstract class CommandPage<T> implements Page {
    private ListPage<T> page;
    private VBox root;
    private Commands commands;
    private javafx.scene.control.Button createButton;

    /** The subclass's constructor calls this once, last, with the page it built. */
    protected final void wrap(ListPage<T> listPage, Commands commands) {
        page = listPage;
        this.commands = commands;
        ObservableValue<String> message = commands.messageProperty();
        root = new VBox(listPage.node(), Forms.message(message));
        VBox.setVgrow(listPage.node(), Priority.ALWAYS);
    }

    /** The view's "new …" button, pressed by Ctrl+N too (its tooltip says so). */
    protected final void createWith(javafx.scene.control.Button button, String shortcutHint) {
        createButton = button;
        button.setTooltip(new javafx.scene.control.Tooltip(shortcutHint));
    }

    @Override
    public boolean create() {
        if (createButton == null || !createButton.isVisible() || createButton.isDisabled()) {
            return false;
        }
        createButton.fire();
        return true;
    }

    /** The window to own this page's dialogs. */
    protected final Window owner() {
        return root.getScene().getWindow();
    }

    @Override
    public String id() {
        return page.id();
    }

    @Override
    public String title() {
        return page.title();
    }

    @Override
    public Ikon icon() {
        return page.icon();
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        commands.clear(); // what the last command said belongs to that visit
        page.shown();
    }

    @Override
    public boolean focusSearch() {
        return page.focusSearch();
    }
}
