package org.mcx.desktop.groups;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.scene.control.ListView;
import javafx.scene.control.cell.CheckBoxListCell;
import org.mcx.desktop.common.Words;

/**
 * A list of ids, each with a check box: a group's members or partners are ticked one by one with
 * the mouse or Space, which a multiple selection (Ctrl+click) makes easy to lose. {@link #edits()}
 * counts every tick, for the form's check.
 */
final class CheckList {
    private final ListView<String> view = new ListView<>();
    private final Map<String, BooleanProperty> ticked = new LinkedHashMap<>();
    private final SimpleIntegerProperty edits = new SimpleIntegerProperty();

    /** {@code ids} offered, {@code chosen} ticked (an id chosen but no longer offered is kept, at the end). */
    CheckList(String id, List<String> ids, List<String> chosen, Function<String, String> text) {
        for (String i : ids) {
            add(i, chosen.contains(i));
        }
        for (String i : chosen) {
            if (!ticked.containsKey(i)) {
                add(i, true);
            }
        }
        view.getItems().setAll(ticked.keySet());
        view.setCellFactory(CheckBoxListCell.forListView(ticked::get, Words.converter(text)));
        view.setId(id);
        view.setPrefHeight(140);
    }

    private void add(String id, boolean on) {
        BooleanProperty p = new SimpleBooleanProperty(on);
        p.addListener((o, was, now) -> edits.set(edits.get() + 1));
        ticked.put(id, p);
    }

    /** The ticked ids, in the list's order. */
    List<String> chosen() {
        return ticked.entrySet().stream().filter(e -> e.getValue().get()).map(Map.Entry::getKey).toList();
    }

    void tick(String id, boolean on) {
        ticked.get(id).set(on);
    }

    ListView<String> view() {
        return view;
    }

    SimpleIntegerProperty edits() {
        return edits;
    }
}
