package org.mcx.desktop.common;

import java.util.function.Supplier;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/**
 * A page built the first time it is shown: the window opens with only its first page built, which
 * keeps the FX thread's work before the first interactive frame small (launch time).
 */
public final class LazyPage implements Page {
    private final String id;
    private final String title;
    private final Ikon icon;
    private final Supplier<Page> factory;
    private Page page;

    public LazyPage(String id, String title, Ikon icon, Supplier<Page> factory) {
        this.id = id;
        this.title = title;
        this.icon = icon;
        this.factory = factory;
    }

    private Page page() {
        if (page == null) {
            page = factory.get();
        }
        return page;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public Ikon icon() {
        return icon;
    }

    @Override
    public Node node() {
        return page().node();
    }

    @Override
    public void shown() {
        page().shown();
    }

    @Override
    public boolean focusSearch() {
        return page != null && page.focusSearch();
    }

    @Override
    public boolean create() {
        return page != null && page.create();
    }

    @Override
    public boolean save() {
        return page != null && page.save();
    }
}
